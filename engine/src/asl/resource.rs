//! Task `Resource` ARNs: which integration a Task calls and with which pattern (ST-TASK-01).

use serde::Serialize;

/// How a Task waits for its integration (ST-TASK-08..10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IntegrationPattern {
    RequestResponse,
    /// `.sync`
    Sync,
    /// `.sync:2`
    Sync2,
    /// `.waitForTaskToken`
    WaitForTaskToken,
}

/// A classified `Resource`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Resource {
    /// `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`
    LambdaFunction { arn: String },
    /// `arn:aws:states:<region>:<account>:activity:<name>`
    Activity { arn: String },
    /// `arn:aws:states:::<service>:<api>[.sync|.sync:2|.waitForTaskToken]`, including `aws-sdk:<service>:<action>`
    /// (then `service` is `aws-sdk:<service>`) and `http:invoke`.
    Integration { arn: String, service: String, api: String, pattern: IntegrationPattern },
    /// Anything else: kept so that the definition can still be shown (the validator reports it).
    Unrecognized { arn: String },
}

impl Resource {
    pub fn parse(arn: &str) -> Resource {
        let unrecognized = || Resource::Unrecognized { arn: arn.to_owned() };
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        if parts.len() < 6 || parts[0] != "arn" || parts[1].is_empty() {
            return unrecognized();
        }
        let (service, region, account, rest) = (parts[2], parts[3], parts[4], parts[5]);
        match service {
            "lambda" if !region.is_empty() && !account.is_empty() => {
                let mut fields = rest.split(':');
                if fields.next() == Some("function") && fields.next().is_some_and(|n| !n.is_empty()) && fields.clone().count() <= 1 {
                    Resource::LambdaFunction { arn: arn.to_owned() }
                } else {
                    unrecognized()
                }
            }
            "states" if region.is_empty() && account.is_empty() => {
                // `rest` is "<service>:<api>" or "aws-sdk:<service>:<action>", with an optional pattern suffix.
                let (base, pattern) = split_pattern(rest);
                let (service, api) = match base.strip_prefix("aws-sdk:") {
                    Some(sdk) => match sdk.split_once(':') {
                        Some((s, a)) => (format!("aws-sdk:{s}"), a.to_owned()),
                        None => return unrecognized(),
                    },
                    None => match base.split_once(':') {
                        Some((s, a)) => (s.to_owned(), a.to_owned()),
                        None => return unrecognized(),
                    },
                };
                if service.is_empty() || api.is_empty() || api.contains(':') {
                    return unrecognized();
                }
                Resource::Integration { arn: arn.to_owned(), service, api, pattern }
            }
            "states" if rest.starts_with("activity:") && rest.len() > "activity:".len() => {
                Resource::Activity { arn: arn.to_owned() }
            }
            _ => unrecognized(),
        }
    }

    pub fn arn(&self) -> &str {
        match self {
            Resource::LambdaFunction { arn }
            | Resource::Activity { arn }
            | Resource::Integration { arn, .. }
            | Resource::Unrecognized { arn } => arn,
        }
    }

    pub fn pattern(&self) -> IntegrationPattern {
        match self {
            Resource::Integration { pattern, .. } => *pattern,
            _ => IntegrationPattern::RequestResponse,
        }
    }

    /// What a person would call this task in a diagram: "Lambda: Invoke", "DynamoDB: PutItem", …
    pub fn display_name(&self) -> String {
        match self {
            Resource::LambdaFunction { .. } => "Lambda: Invoke".to_owned(),
            Resource::Activity { .. } => "Activity".to_owned(),
            Resource::Unrecognized { .. } => "Task".to_owned(),
            Resource::Integration { service, api, .. } => {
                let service = service.strip_prefix("aws-sdk:").unwrap_or(service);
                let pretty = match service {
                    "lambda" => "Lambda",
                    "dynamodb" => "DynamoDB",
                    "sns" => "SNS",
                    "sqs" => "SQS",
                    "states" => "Step Functions",
                    "events" => "EventBridge",
                    "ecs" => "ECS",
                    "batch" => "Batch",
                    "glue" => "Glue",
                    "athena" => "Athena",
                    "s3" => "S3",
                    "http" => "HTTP",
                    "apigateway" => "API Gateway",
                    "bedrock" => "Bedrock",
                    "sagemaker" => "SageMaker",
                    "codebuild" => "CodeBuild",
                    "eks" => "EKS",
                    other => other,
                };
                let mut api_chars = api.chars();
                let api = match api_chars.next() {
                    Some(first) => first.to_uppercase().chain(api_chars).collect(),
                    None => String::new(),
                };
                format!("{pretty}: {api}")
            }
        }
    }
}

fn split_pattern(rest: &str) -> (&str, IntegrationPattern) {
    for (suffix, pattern) in [
        (".sync:2", IntegrationPattern::Sync2),
        (".sync", IntegrationPattern::Sync),
        (".waitForTaskToken", IntegrationPattern::WaitForTaskToken),
    ] {
        if let Some(base) = rest.strip_suffix(suffix) {
            return (base, pattern);
        }
    }
    (rest, IntegrationPattern::RequestResponse)
}

/// The optimized integrations whose API lists we know completely, with the patterns each API supports.
/// A service missing here is not an error (AWS adds integrations); an unknown API of a listed service is.
pub fn known_integration(service: &str, api: &str) -> Option<Result<&'static [IntegrationPattern], ()>> {
    use IntegrationPattern::*;
    const RR: &[IntegrationPattern] = &[RequestResponse];
    const RR_WAIT: &[IntegrationPattern] = &[RequestResponse, WaitForTaskToken];
    const RR_SYNC: &[IntegrationPattern] = &[RequestResponse, Sync];
    const RR_SYNC_WAIT: &[IntegrationPattern] = &[RequestResponse, Sync, WaitForTaskToken];
    let apis: &[(&str, &[IntegrationPattern])] = match service {
        "lambda" => &[("invoke", RR_WAIT)],
        "dynamodb" => &[("getItem", RR), ("putItem", RR), ("updateItem", RR), ("deleteItem", RR)],
        "sns" => &[("publish", RR_WAIT)],
        "sqs" => &[("sendMessage", RR_WAIT)],
        "events" => &[("putEvents", RR_WAIT)],
        "states" => &[("startExecution", &[RequestResponse, Sync, Sync2, WaitForTaskToken])],
        "batch" => &[("submitJob", RR_SYNC)],
        "ecs" => &[("runTask", RR_SYNC_WAIT)],
        "glue" => &[("startJobRun", RR_SYNC)],
        "databrew" => &[("startJobRun", RR_SYNC)],
        "http" => &[("invoke", RR)],
        "apigateway" => &[("invoke", RR_WAIT)],
        "athena" => &[
            ("startQueryExecution", RR_SYNC),
            ("stopQueryExecution", RR),
            ("getQueryExecution", RR),
            ("getQueryResults", RR),
        ],
        "s3" => &[("getObject", RR), ("listObjectsV2", RR), ("putObject", RR)],
        _ => return None,
    };
    Some(apis.iter().find(|(name, _)| *name == api).map(|(_, p)| *p).ok_or(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_resources() {
        use IntegrationPattern::*;
        let cases = [
            ("arn:aws:lambda:us-east-1:123456789012:function:f", "Lambda: Invoke"),
            ("arn:aws:lambda:us-east-1:123456789012:function:f:prod", "Lambda: Invoke"),
            ("arn:aws:states:us-east-1:123456789012:activity:a", "Activity"),
            ("arn:aws:states:::dynamodb:putItem", "DynamoDB: PutItem"),
            ("arn:aws:states:::aws-sdk:s3:listBuckets", "S3: ListBuckets"),
            ("arn:aws:states:::http:invoke", "HTTP: Invoke"),
            ("arn:aws:lambda:us-east-1:123456789012:layer:x", "Task"),
            ("not an arn", "Task"),
        ];
        for (arn, name) in cases {
            assert_eq!(Resource::parse(arn).display_name(), name, "{arn}");
        }
        assert_eq!(Resource::parse("arn:aws:states:::states:startExecution.sync:2").pattern(), Sync2);
        assert_eq!(Resource::parse("arn:aws:states:::sqs:sendMessage.waitForTaskToken").pattern(), WaitForTaskToken);
        assert!(matches!(known_integration("dynamodb", "query"), Some(Err(()))));
        assert!(known_integration("mediaconvert", "createJob").is_none());
    }
}
