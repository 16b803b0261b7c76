using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Plotting;

/// <summary>What one node holds for one DaemonSet, as a cell of a <see cref="PlacementMatrix"/>.</summary>
/// <remarks>
/// Eligibility is the DaemonSet controller's own verdict (<see cref="DaemonSetPredicates"/>: template nodeName, nodeSelector,
/// required node affinity, NoSchedule/NoExecute taints against the daemon pod's tolerations). Cordoned nodes are eligible: daemon
/// pods tolerate <c>node.kubernetes.io/unschedulable</c>. Values are ordered from "nothing to do" to "something is wrong"
/// only loosely; compare them by name, not by number.
/// </remarks>
public enum PlacementState
{
    /// <summary>The controller's shouldRun says no (nodeName, nodeSelector, affinity or an untolerated taint) and no pod is there.</summary>
    NotEligible = 0,

    /// <summary>The node should run a daemon pod but has none (the controller has not created it yet, or cannot).</summary>
    Missing = 1,

    /// <summary>A daemon pod was created for the node but is not bound yet (the scheduler has not placed it, for example for lack of resources).</summary>
    Pending = 2,

    /// <summary>A daemon pod is bound to the node but not Ready (starting, pulling its image, crash-looping or failed).</summary>
    NotReady = 3,

    /// <summary>A Ready daemon pod runs on the node.</summary>
    Running = 4,

    /// <summary>The node's only daemon pods are terminating (deleted, within their grace period).</summary>
    Terminating = 5,

    /// <summary>
    /// A daemon pod (not terminating) is on a node where the controller would not create one (shouldRun says no), as Kubernetes
    /// counts <c>numberMisscheduled</c>: for example a NoSchedule taint added after the pod started (it may stay), or a changed
    /// selector or a NoExecute taint (shouldContinueRunning says no too, and the controller is about to delete it).
    /// </summary>
    Misscheduled = 6,
}

/// <summary>
/// Which node runs which DaemonSet, as a grid of <see cref="PlacementState"/> cells: one row per node, one column per DaemonSet.
/// </summary>
/// <remarks>
/// Rows are the nodes in natural order (runs of digits compare as numbers, so <c>worker-2</c> comes before <c>worker-10</c>; ties
/// break ordinally); columns are the DaemonSets ordered by namespace, then name (ordinal). The matrix is a pure function of the
/// <see cref="ClusterState"/> it was built from.
/// </remarks>
public sealed class PlacementMatrix
{
    private readonly PlacementState[,] _cells;
    private readonly Dictionary<string, int> _nodeIndex;
    private readonly Dictionary<string, int> _daemonSetIndex;

    private PlacementMatrix(IReadOnlyList<string> nodes, IReadOnlyList<string> daemonSets, PlacementState[,] cells)
    {
        Nodes = nodes;
        DaemonSets = daemonSets;
        _cells = cells;
        _nodeIndex = nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        _daemonSetIndex = daemonSets.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The node names, one per row, in natural order.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The DaemonSets as <c>namespace/name</c>, one per column, by namespace then name.</summary>
    public IReadOnlyList<string> DaemonSets { get; }

    /// <summary>The cell of node row <paramref name="node"/> and DaemonSet column <paramref name="daemonSet"/>.</summary>
    /// <param name="node">The row (index into <see cref="Nodes"/>).</param>
    /// <param name="daemonSet">The column (index into <see cref="DaemonSets"/>).</param>
    public PlacementState this[int node, int daemonSet] => _cells[node, daemonSet];

    /// <summary>The cell of a node and a DaemonSet, by name.</summary>
    /// <param name="node">The node name.</param>
    /// <param name="daemonSet">The DaemonSet as <c>namespace/name</c>.</param>
    /// <returns>The state.</returns>
    /// <exception cref="KeyNotFoundException">The node or the DaemonSet is not in the matrix.</exception>
    public PlacementState Get(string node, string daemonSet) =>
        _cells[
            _nodeIndex.TryGetValue(node, out var row) ? row : throw new KeyNotFoundException($"No node named '{node}' in the matrix."),
            _daemonSetIndex.TryGetValue(daemonSet, out var column) ? column : throw new KeyNotFoundException($"No DaemonSet '{daemonSet}' in the matrix.")];

    /// <summary>How many cells are in <paramref name="state"/>, over the whole matrix or one DaemonSet's column.</summary>
    /// <param name="state">The state.</param>
    /// <param name="daemonSet">A DaemonSet as <c>namespace/name</c>, or null for every column.</param>
    /// <returns>The count.</returns>
    /// <exception cref="KeyNotFoundException">The DaemonSet is not in the matrix.</exception>
    public int Count(PlacementState state, string? daemonSet = null)
    {
        var columns = daemonSet is null ? Enumerable.Range(0, DaemonSets.Count)
            : _daemonSetIndex.TryGetValue(daemonSet, out var only) ? [only]
            : throw new KeyNotFoundException($"No DaemonSet '{daemonSet}' in the matrix.");
        var count = 0;
        foreach (var column in columns)
        {
            for (var row = 0; row < Nodes.Count; row++)
            {
                count += _cells[row, column] == state ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Builds the matrix of every node and every DaemonSet of a cluster.</summary>
    /// <param name="state">The cluster (for example <see cref="Simulation.State"/>).</param>
    /// <returns>The matrix.</returns>
    public static PlacementMatrix From(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var nodes = state.Nodes.Values.OrderBy(n => n.Name, NaturalStringComparer.Instance).ToArray();
        var daemonSets = state.DaemonSets.Values
            .OrderBy(d => d.Namespace, StringComparer.Ordinal)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToArray();
        var cells = new PlacementState[nodes.Length, daemonSets.Length];
        for (var column = 0; column < daemonSets.Length; column++)
        {
            var plan = new DaemonSetPlan(daemonSets[column]);
            for (var row = 0; row < nodes.Length; row++)
            {
                cells[row, column] = Classify(state, plan, nodes[row]);
            }
        }

        return new PlacementMatrix(nodes.Select(n => n.Name).ToArray(), daemonSets.Select(d => d.Namespace + "/" + d.Name).ToArray(), cells);
    }

    private static PlacementState Classify(ClusterState state, DaemonSetPlan plan, Node node)
    {
        var verdict = plan.Evaluate(node);
        var best = (PlacementState?)null;
        foreach (var pod in state.PodsControlledByOnNode(plan.DaemonSet.Metadata.Uid, node.Name))
        {
            if (!pod.IsTerminating && !verdict.ShouldRun)
            {
                return PlacementState.Misscheduled;
            }

            var cell = pod.IsTerminating ? PlacementState.Terminating
                : !pod.IsBound ? PlacementState.Pending
                : pod.IsReady && pod.Status.Phase == PodPhase.Running ? PlacementState.Running
                : PlacementState.NotReady;
            if (best is null || Rank(cell) > Rank(best.Value))
            {
                best = cell;
            }
        }

        return best ?? (verdict.ShouldRun ? PlacementState.Missing : PlacementState.NotEligible);
    }

    // With several pods on one node (a surge, or an old pod terminating next to its replacement) the most advanced one shows.
    private static int Rank(PlacementState state) => state switch
    {
        PlacementState.Running => 4,
        PlacementState.NotReady => 3,
        PlacementState.Pending => 2,
        PlacementState.Terminating => 1,
        _ => 0,
    };
}
