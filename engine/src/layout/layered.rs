//! Layered graph drawing for one scope: break cycles, assign layers, order nodes to reduce crossings,
//! place them, and route every edge through its layers. Deterministic, iterative, and panic-free.

/// A directed graph of boxes. `edges` may contain cycles and self-loops.
pub struct Graph {
    pub sizes: Vec<(f64, f64)>,
    pub edges: Vec<(usize, usize)>,
    /// Where depth-first traversal starts (the scope's start marker first).
    pub roots: Vec<usize>,
    /// Which edges carry a label (a Choice rule, a Catch): the gap below a layer grows with the labels
    /// leaving it, so that they can be written one under another.
    pub labelled: Vec<bool>,
}

/// Extra room per label beyond the first leaving one layer, and the most lines made room for.
const LABEL_LINE: f64 = 14.0;
const MAX_LABEL_LINES: usize = 8;

pub struct Placed {
    /// Top-left corner of every node.
    pub pos: Vec<(f64, f64)>,
    /// One polyline per edge, in the order of `Graph::edges`.
    pub routes: Vec<Vec<(f64, f64)>>,
    /// Edges that close a cycle (drawn against the flow).
    pub back: Vec<bool>,
    pub width: f64,
    pub height: f64,
    /// Crossings between forward edge segments of adjacent layers, as left by the ordering.
    pub crossings: usize,
}

pub const NODE_GAP: f64 = 24.0;
pub const RANK_GAP: f64 = 48.0;
const DUMMY_WIDTH: f64 = 8.0;
const SWEEPS: usize = 16;

pub fn place(g: &Graph) -> Placed {
    let n = g.sizes.len();
    let back = back_edges(g);
    // Layers by longest path over the forward (acyclic) edges.
    let forward: Vec<(usize, usize)> = g.edges.iter().enumerate().filter(|(i, (a, b))| !back[*i] && a != b).map(|(_, e)| *e).collect();
    let mut layer = vec![0usize; n];
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &forward {
        successors[a].push(b);
    }
    for v in topological(n, &forward) {
        for &w in &successors[v] {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    // Long edges become chains through dummy nodes, one per layer crossed (back edges reversed first).
    let mut sizes = g.sizes.clone();
    let mut node_layer = layer.clone();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(g.edges.len());
    for (i, &(a, b)) in g.edges.iter().enumerate() {
        let (top, bottom) = if back[i] { (b, a) } else { (a, b) };
        let mut chain = vec![top];
        if a != b && node_layer[bottom] > node_layer[top] {
            for l in node_layer[top] + 1..node_layer[bottom] {
                sizes.push((DUMMY_WIDTH, 1.0));
                node_layer.push(l);
                chain.push(sizes.len() - 1);
            }
        }
        chain.push(bottom);
        chains.push(chain);
    }
    let total = sizes.len();
    let layers = node_layer.iter().copied().max().map_or(0, |m| m + 1);
    // Adjacency between consecutive layers, from the chains.
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); total];
    for chain in &chains {
        for w in chain.windows(2) {
            if node_layer[w[1]] == node_layer[w[0]] + 1 {
                down[w[0]].push(w[1]);
                up[w[1]].push(w[0]);
            }
        }
    }
    // The sweeps start from whichever of two initial orders crosses less (the first on a tie). Depth-first
    // discovery along the edges keeps branches together. Discovery along both directions (successors
    // first, then predecessors) also keeps together the nodes that share a target, which the first misses
    // when many states lead to a few common ones: on wide-200 (98 Choices whose defaults meet in 14
    // states) the sweeps end at 476 crossings from it and at 605 from the first. Sweeping from both and
    // keeping the better result gave the same crossings on all 896 machines of the conformance corpus,
    // the examples and the benchmark workloads, at twice the time.
    let mut counter = Crossings::default();
    let mut index = vec![0usize; total];
    let mut rows = discovery_order(g, &node_layer, &down, &up, false);
    if rows.iter().any(|row| row.len() > 1) {
        reindex(&rows, &mut index);
        let crossings_along = counter.count(&rows, &down, &index);
        if crossings_along > 0 {
            let both_ways = discovery_order(g, &node_layer, &down, &up, true);
            reindex(&both_ways, &mut index);
            if counter.count(&both_ways, &down, &index) < crossings_along {
                rows = both_ways;
            }
        }
    }
    let (mut rows, mut best_crossings) = minimise_crossings(rows, &up, &down, &mut index, &mut counter);
    // Chain sifting: a long edge may belong on the other side of everything it runs beside (a loop outside
    // the skips it spans, say). Moving one dummy at a time never finds that, as each single move adds a
    // kink, so whole chains are tried at either edge of their layers and kept there if fewer edges cross.
    if best_crossings > 0 {
        let mut saved: Vec<Vec<usize>> = Vec::new();
        for chain in chains.iter().filter(|c| c.len() > 4) {
            // Only the layers the chain spans change; their crossings are counted before and after.
            let (top, bottom) = (node_layer[chain[0]], node_layer[chain[chain.len() - 1]]);
            if top + 1 >= bottom || bottom >= layers {
                continue;
            }
            for leftmost in [true, false] {
                let before = counter.count(&rows[top..bottom], &down, &index);
                if before == 0 {
                    break;
                }
                rows[top + 1..bottom].clone_into(&mut saved);
                for &d in &chain[1..chain.len() - 1] {
                    let row = &mut rows[node_layer[d]];
                    row.retain(|&v| v != d);
                    if leftmost { row.insert(0, d) } else { row.push(d) }
                }
                reindex(&rows[top + 1..bottom], &mut index);
                let after = counter.count(&rows[top..bottom], &down, &index);
                if after < before {
                    best_crossings -= before - after;
                } else {
                    rows[top + 1..bottom].clone_from_slice(&saved);
                    reindex(&rows[top + 1..bottom], &mut index);
                }
            }
        }
    }
    // y: each layer as tall as its tallest node.
    let mut y_of = vec![0.0; layers];
    let mut heights = vec![0.0f64; layers];
    for (l, row) in rows.iter().enumerate() {
        heights[l] = row.iter().map(|v| sizes[*v].1).fold(0.0, f64::max);
    }
    let mut labels_below = vec![0usize; layers];
    for (i, &(a, b)) in g.edges.iter().enumerate() {
        if g.labelled.get(i).copied().unwrap_or(false) && !back[i] && a != b {
            labels_below[node_layer[a]] += 1;
        }
    }
    let mut y = 0.0;
    for l in 0..layers {
        y_of[l] = y;
        let extra = labels_below[l].saturating_sub(1).min(MAX_LABEL_LINES) as f64 * LABEL_LINE;
        y += heights[l] + RANK_GAP + extra;
    }
    // x: pack each layer, then pull nodes towards their neighbours' centres in a few passes.
    let mut cx = vec![0.0f64; total];
    for row in &rows {
        let mut x = 0.0;
        for &v in row {
            cx[v] = x + sizes[v].0 / 2.0;
            x += sizes[v].0 + NODE_GAP;
        }
    }
    // Buffers reused across layers: small scopes are many, and allocation would dominate their time.
    let widest = rows.iter().map(Vec::len).max().unwrap_or(0);
    let (mut desired, mut left, mut right) = (Vec::with_capacity(widest), Vec::with_capacity(widest), Vec::with_capacity(widest));
    for pass in 0..4 {
        let downward = pass % 2 == 0;
        let neighbours = if downward { &up } else { &down };
        for step in 0..layers.saturating_sub(1) {
            let l = if downward { step + 1 } else { layers - 2 - step };
            let row = &rows[l];
            desired.clear();
            desired.extend(row.iter().map(|v| {
                let ns = &neighbours[*v];
                if ns.is_empty() { cx[*v] } else { ns.iter().map(|u| cx[*u]).sum::<f64>() / ns.len() as f64 }
            }));
            // Left-to-right and right-to-left placements that keep the gaps; their average is balanced.
            left.clear();
            left.extend_from_slice(&desired);
            for i in 1..row.len() {
                let min = left[i - 1] + (sizes[row[i - 1]].0 + sizes[row[i]].0) / 2.0 + NODE_GAP;
                left[i] = left[i].max(min);
            }
            right.clear();
            right.extend_from_slice(&desired);
            for i in (0..row.len().saturating_sub(1)).rev() {
                let max = right[i + 1] - (sizes[row[i + 1]].0 + sizes[row[i]].0) / 2.0 - NODE_GAP;
                right[i] = right[i].min(max);
            }
            for (i, &v) in row.iter().enumerate() {
                cx[v] = (left[i] + right[i]) / 2.0;
            }
            // Averaging can bring neighbours too close again; restore the gaps left to right.
            for i in 1..row.len() {
                let min = cx[row[i - 1]] + (sizes[row[i - 1]].0 + sizes[row[i]].0) / 2.0 + NODE_GAP;
                if cx[row[i]] < min {
                    cx[row[i]] = min;
                }
            }
        }
    }
    let min_x = (0..total).map(|v| cx[v] - sizes[v].0 / 2.0).fold(f64::INFINITY, f64::min);
    let shift = if min_x.is_finite() { -min_x } else { 0.0 };
    let center = |v: usize| (cx[v] + shift, y_of[node_layer[v]] + sizes[v].1 / 2.0);
    let pos: Vec<(f64, f64)> = (0..n).map(|v| (cx[v] + shift - sizes[v].0 / 2.0, y_of[node_layer[v]])).collect();
    let width = (0..total).map(|v| cx[v] + shift + sizes[v].0 / 2.0).fold(0.0, f64::max);
    let height = if layers == 0 { 0.0 } else { y_of[layers - 1] + heights[layers - 1] };
    let routes: Vec<Vec<(f64, f64)>> = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            if a == b {
                // A self-loop: out of the right side and back in, just below.
                let (x, y) = (pos[a].0 + sizes[a].0, pos[a].1);
                let h = sizes[a].1;
                return vec![(x, y + h * 0.3), (x + NODE_GAP, y + h * 0.3), (x + NODE_GAP, y + h * 0.7), (x, y + h * 0.7)];
            }
            if back[i] {
                // Against the flow: leave by the right side, climb through the edge's own place in each layer
                // between (where ordering put it to cross least), and come back in by the target's right side.
                let dummies = &chains[i][1..chains[i].len() - 1];
                // Each end uses the side of its box that faces the chain (the right side by default).
                let side = |v: usize, towards: Option<usize>| {
                    let left = towards.is_some_and(|d| center(d).0 < pos[v].0 + sizes[v].0 / 2.0);
                    (if left { pos[v].0 } else { pos[v].0 + sizes[v].0 }, pos[v].1 + sizes[v].1 / 2.0)
                };
                let (sx, sy) = side(a, dummies.last().copied());
                let (tx, ty) = side(b, dummies.first().copied());
                if dummies.is_empty() {
                    // Neighbouring layers: a short detour beside the two boxes.
                    let x = sx.max(tx) + NODE_GAP;
                    return vec![(sx, sy), (x, sy), (x, ty), (tx, ty)];
                }
                let mut points = vec![(sx, sy)];
                for &d in dummies.iter().rev() {
                    let (x, _) = center(d);
                    let l = node_layer[d];
                    points.push((x, y_of[l] + heights[l]));
                    points.push((x, y_of[l]));
                }
                points.push((tx, ty));
                return points;
            }
            let chain = &chains[i];
            let mut points = Vec::with_capacity(chain.len());
            let (ax, ay) = center(a);
            points.push((ax, ay + sizes[a].1 / 2.0));
            // Through each layer it crosses, the edge runs straight down the full height of the layer, so it
            // passes beside a tall box (a container) instead of cutting across it.
            for &d in &chain[1..chain.len() - 1] {
                let (x, _) = center(d);
                let l = node_layer[d];
                points.push((x, y_of[l]));
                points.push((x, y_of[l] + heights[l]));
            }
            let (bx, by) = center(b);
            points.push((bx, by - sizes[b].1 / 2.0));
            points
        })
        .collect();
    // Detours of loops between neighbouring layers may reach past the boxes.
    let reach = routes.iter().flatten().map(|p: &(f64, f64)| p.0).fold(width, f64::max);
    Placed { pos, routes, back, width: if reach > width { reach + NODE_GAP / 2.0 } else { width }, height, crossings: best_crossings }
}

/// The first order of every layer: nodes as a depth-first walk from the roots discovers them, following
/// the edges downwards only, or (`both_ways`) downwards first and then upwards.
fn discovery_order(g: &Graph, node_layer: &[usize], down: &[Vec<usize>], up: &[Vec<usize>], both_ways: bool) -> Vec<Vec<usize>> {
    let total = node_layer.len();
    let layers = node_layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    let mut seen = vec![false; total];
    let mut stack: Vec<usize> = g.roots.iter().rev().copied().collect();
    stack.extend((0..g.sizes.len()).rev());
    while let Some(v) = stack.pop() {
        if v >= total || seen[v] {
            continue;
        }
        seen[v] = true;
        rows[node_layer[v]].push(v);
        if both_ways {
            stack.extend(up[v].iter().rev().copied());
        }
        stack.extend(down[v].iter().rev().copied());
    }
    for v in 0..total {
        if !seen[v] {
            rows[node_layer[v]].push(v);
        }
    }
    rows
}

/// Reorders the layers by sweeps of mean and median positions, each followed by neighbour swaps, and
/// returns the order with the fewest crossings seen, with that count (`index` ends up matching it).
fn minimise_crossings(mut rows: Vec<Vec<usize>>, up: &[Vec<usize>], down: &[Vec<usize>], index: &mut [usize], counter: &mut Crossings) -> (Vec<Vec<usize>>, usize) {
    let layers = rows.len();
    reindex(&rows, index);
    let mut best = rows.clone();
    let mut best_crossings = counter.count(&rows, down, index);
    // Scratch buffers reused through the sweeps: allocation, not arithmetic, dominated small scopes.
    let mut keyed: Vec<(f64, usize, usize)> = Vec::new();
    let mut positions: Vec<usize> = Vec::new();
    // Sweeps stop as soon as nothing crosses (most scopes: a chain, a branch, an item processor).
    let mut since_best = 0;
    for sweep in 0..SWEEPS {
        // Sweeps also stop once a whole round of each kind (two mean, two median) has found nothing better.
        if best_crossings == 0 || since_best >= 4 {
            break;
        }
        let downward = sweep % 2 == 0;
        let neighbours = if downward { up } else { down };
        for step in 0..layers.saturating_sub(1) {
            let l = if downward { step + 1 } else { layers - 2 - step };
            keyed.clear();
            keyed.extend(rows[l].iter().enumerate().map(|(i, &v)| {
                let ns = &neighbours[v];
                let key = if ns.is_empty() {
                    i as f64
                } else if sweep % 4 >= 2 {
                    // Every other pair of sweeps uses the median, which long chains pull less than the mean.
                    positions.clear();
                    positions.extend(ns.iter().map(|u| index[*u]));
                    positions.sort_unstable();
                    let m = positions.len() / 2;
                    if positions.len() % 2 == 1 { positions[m] as f64 } else { (positions[m - 1] + positions[m]) as f64 / 2.0 }
                } else {
                    ns.iter().map(|u| index[*u] as f64).sum::<f64>() / ns.len() as f64
                };
                (key, i, v)
            }));
            keyed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
            for (i, &(_, _, v)) in keyed.iter().enumerate() {
                rows[l][i] = v;
                index[v] = i;
            }
        }
        transpose(&mut rows, index, up, down);
        let c = counter.count(&rows, down, index);
        if c < best_crossings {
            best_crossings = c;
            best.clone_from(&rows);
            since_best = 0;
        } else {
            since_best += 1;
        }
    }
    reindex(&best, index);
    (best, best_crossings)
}

/// Records each node's position in its row.
fn reindex(rows: &[Vec<usize>], index: &mut [usize]) {
    for row in rows {
        for (i, &v) in row.iter().enumerate() {
            index[v] = i;
        }
    }
}

/// Edges that close a cycle in depth-first order from the roots (then from every unvisited node).
fn back_edges(g: &Graph) -> Vec<bool> {
    let n = g.sizes.len();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, &(a, b)) in g.edges.iter().enumerate() {
        if a < n && b < n {
            out[a].push((b, i));
        }
    }
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut back = vec![false; g.edges.len()];
    let starts: Vec<usize> = g.roots.iter().copied().chain(0..n).collect();
    for s in starts {
        if s >= n || state[s] != 0 {
            continue;
        }
        let mut stack = vec![(s, 0usize)];
        state[s] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&(w, e)) = out[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    back
}

fn topological(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        out[a].push(b);
        indegree[b] += 1;
    }
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|v| indegree[*v] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(v) = queue.pop_front() {
        order.push(v);
        for &w in &out[v] {
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    order
}

/// Swaps neighbours in a layer while that lowers the crossings around them (the "transpose" heuristic).
fn transpose(rows: &mut [Vec<usize>], index: &mut [usize], up: &[Vec<usize>], down: &[Vec<usize>]) {
    // How many crossings the edges of u and v on one side make with u first, and with v first: one walk
    // over the pairs of their edges counts both.
    let pair = |u: usize, v: usize, side: &[Vec<usize>], index: &[usize]| -> (usize, usize) {
        let (mut u_first, mut v_first) = (0, 0);
        for &a in &side[u] {
            for &b in &side[v] {
                // Counted without branches: the comparisons are as good as random, and mispredicted
                // branches cost more than the additions.
                u_first += usize::from(index[a] > index[b]);
                v_first += usize::from(index[a] < index[b]);
            }
        }
        (u_first, v_first)
    };
    for _ in 0..4 {
        let mut improved = false;
        for row in rows.iter_mut() {
            for i in 0..row.len().saturating_sub(1) {
                let (u, v) = (row[i], row[i + 1]);
                let (above_now, above_swapped) = pair(u, v, up, index);
                let (below_now, below_swapped) = pair(u, v, down, index);
                if above_swapped + below_swapped < above_now + below_now {
                    row.swap(i, i + 1);
                    index[u] = i + 1;
                    index[v] = i;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Counts crossings between consecutive layers, keeping its buffers from one count to the next.
#[derive(Default)]
struct Crossings {
    ends: Vec<(usize, usize)>,
    tree: Vec<usize>,
}

impl Crossings {
    fn count(&mut self, rows: &[Vec<usize>], down: &[Vec<usize>], index: &[usize]) -> usize {
        crossings(rows, down, index, &mut self.ends, &mut self.tree)
    }
}

/// Crossings between consecutive layers: pairs of edges whose ends are in opposite orders.
fn crossings(rows: &[Vec<usize>], down: &[Vec<usize>], index: &[usize], ends: &mut Vec<(usize, usize)>, tree: &mut Vec<usize>) -> usize {
    let mut total = 0;
    for row in rows {
        // Edges that leave one node never cross each other.
        if row.len() < 2 {
            continue;
        }
        // The row is in position order, so the ends come out sorted by their upper end; only each node's
        // own few edges need sorting by their lower end.
        ends.clear();
        for &v in row {
            let first = ends.len();
            for &w in &down[v] {
                ends.push((index[v], index[w]));
            }
            ends[first..].sort_unstable();
        }
        if ends.len() < 2 {
            continue;
        }
        // Inversions of the lower ends, counted with a Fenwick tree.
        let max = ends.iter().map(|e| e.1).max().map_or(0, |m| m + 1);
        tree.clear();
        tree.resize(max + 1, 0);
        for (seen, &(_, b)) in ends.iter().enumerate() {
            let mut i = b + 1;
            let mut not_greater = 0;
            while i > 0 {
                not_greater += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += seen - not_greater;
            let mut i = b + 1;
            while i <= max {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}
