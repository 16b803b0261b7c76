using Shouldly;
using Simulator.Model;

namespace Simulator.Testing;

/// <summary>
/// Assertions about where DaemonSets run, in the words of the question a test asks. A failure is a Shouldly
/// <see cref="ShouldAssertException"/> that names every node that differs and says why, rule by rule, e.g.
/// <c>DaemonSet logging/fluentd should run on k8s-worker-2 but does not: taint app=fluentd-logging:NoExecute is not tolerated</c>.
/// A DaemonSet runs on a node when one of its pods is bound there, not terminating, Running and Ready (a crash-looping pod, or one
/// on a node that stopped reporting, does not run). A failure lists at most 20 nodes and says how many more differ.
/// </summary>
public static class PlacementAssertions
{
    private const int MaxListedNodes = 20;

    /// <summary>Asserts that the DaemonSet runs on every one of <paramref name="nodes"/>.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The cluster, for more assertions.</returns>
    /// <exception cref="ArgumentException">No node is named: an empty list would assert nothing.</exception>
    public static TestCluster ShouldRun(this TestCluster cluster, string daemonSet, params string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ThrowIfEmpty(nodes);
        return cluster.Check(daemonSet, nodes.Select(n => (n, true)));
    }

    /// <summary>Asserts that the DaemonSet runs on none of <paramref name="nodes"/>.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The cluster, for more assertions.</returns>
    /// <exception cref="ArgumentException">No node is named: an empty list would assert nothing.</exception>
    public static TestCluster ShouldNotRun(this TestCluster cluster, string daemonSet, params string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ThrowIfEmpty(nodes);
        return cluster.Check(daemonSet, nodes.Select(n => (n, false)));
    }

    /// <summary>Asserts that the DaemonSet runs on exactly <paramref name="nodes"/> and nowhere else.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The cluster, for more assertions.</returns>
    public static TestCluster ShouldRunExactlyOn(this TestCluster cluster, string daemonSet, params string[] nodes) =>
        cluster.ShouldRunExactlyOn(daemonSet, (IEnumerable<string>)nodes);

    /// <summary>Asserts that the DaemonSet runs on exactly <paramref name="nodes"/> and nowhere else.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The cluster, for more assertions.</returns>
    public static TestCluster ShouldRunExactlyOn(this TestCluster cluster, string daemonSet, IEnumerable<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(nodes);
        var expected = nodes.ToHashSet(StringComparer.Ordinal);
        return cluster.Check(daemonSet, cluster.NodeNames.Select(n => (n, expected.Contains(n))).Concat(Missing(cluster, expected).Select(n => (n, true))));
    }

    /// <summary>Asserts that the DaemonSet runs on every node of the cluster.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <returns>The cluster, for more assertions.</returns>
    public static TestCluster ShouldRunOnEveryNode(this TestCluster cluster, string daemonSet) =>
        cluster.ShouldRunOnEveryNodeExcept(daemonSet);

    /// <summary>Asserts that the DaemonSet runs on every node except <paramref name="nodes"/>, and not on those.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="nodes">The nodes it must not run on.</param>
    /// <returns>The cluster, for more assertions.</returns>
    public static TestCluster ShouldRunOnEveryNodeExcept(this TestCluster cluster, string daemonSet, params string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(nodes);
        if (cluster.State.Nodes.IsEmpty)
        {
            throw new ShouldAssertException($"DaemonSet {cluster.DaemonSet(daemonSet).Metadata.Key} should run on every node, but the cluster has no nodes");
        }

        var excluded = nodes.ToHashSet(StringComparer.Ordinal);
        return cluster.Check(daemonSet, cluster.NodeNames.Select(n => (n, !excluded.Contains(n))).Concat(Missing(cluster, excluded).Select(n => (n, false))));
    }

    /// <summary>
    /// Asserts that the DaemonSet runs exactly where its own rules and the scheduler allow: on every node where the controller
    /// wants a pod (nodeSelector, required affinity, taints) and the scheduler can place it (resources, ports), and nowhere else,
    /// except that a pod may stay where Kubernetes lets an existing pod continue running (a NoSchedule taint added after it
    /// started). This is the invariant of a settled cluster whose nodes are Ready, handy in property tests over random clusters.
    /// </summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <returns>The cluster, for more assertions.</returns>
    public static TestCluster ShouldRunWhereItsRulesAllow(this TestCluster cluster, string daemonSet)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ds = cluster.DaemonSet(daemonSet);
        var expectations = new List<(string Node, bool ShouldRun)>();
        foreach (var node in cluster.NodeNames)
        {
            var explanation = cluster.Explain(ds.Metadata.Key, node);
            if (!explanation.ShouldRun && explanation.ShouldContinueRunning)
            {
                continue; // no new pod, but one that was there may stay: either is right
            }

            expectations.Add((node, explanation.ShouldRun && explanation.Fits));
        }

        return cluster.Check(ds.Metadata.Key, expectations);
    }

    /// <summary>Asserts that the DaemonSet has a pod for <paramref name="node"/> that does not run there: Pending (e.g. on resources), or
    /// bound but not Ready (an image that cannot be pulled, a crash loop).</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="node">The node.</param>
    /// <param name="reason">Text the reason must contain, e.g. <c>Insufficient cpu</c>; any reason when null.</param>
    /// <returns>The cluster, for more assertions.</returns>
    public static TestCluster ShouldBePendingOn(this TestCluster cluster, string daemonSet, string node, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ds = cluster.DaemonSet(daemonSet);
        var key = ds.Metadata.Key;
        var pods = cluster.State.PodsControlledByOnNode(ds.Metadata.Uid, node).Where(p => !p.IsTerminating).ToList();
        if (pods.Count == 0)
        {
            throw new ShouldAssertException($"DaemonSet {key} should have a Pending pod for {node} but has no pod for it: {cluster.Why(key, node)}");
        }

        if (pods.Any(TestCluster.IsRunning))
        {
            throw new ShouldAssertException($"DaemonSet {key} should have a Pending pod for {node} but its pod runs there");
        }

        var why = cluster.Why(key, node);
        if (reason is not null && !why.Contains(reason, StringComparison.Ordinal))
        {
            throw new ShouldAssertException($"DaemonSet {key}'s pod for {node} should be Pending because of \"{reason}\" but is Pending because: {why}");
        }

        return cluster;
    }

    /// <summary>Asserts that the DaemonSet's rollout is complete: <c>kubectl rollout status</c> says so, or, for the OnDelete strategy
    /// (which kubectl does not report on), every desired node runs an available pod of the current template.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <returns>The cluster, for more assertions.</returns>
    public static TestCluster ShouldBeRolledOut(this TestCluster cluster, string daemonSet)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ds = cluster.DaemonSet(daemonSet);
        var s = ds.Status;
        var counters = $"(desired {s.DesiredNumberScheduled}, updated {s.UpdatedNumberScheduled}, available {s.NumberAvailable})";
        if (ds.Spec.UpdateStrategy.Type == Model.DaemonSetUpdateStrategyType.OnDelete)
        {
            // kubectl refuses rollout status for OnDelete; done means what it means for RollingUpdate: every desired node runs an
            // available pod of the current template.
            var done = ds.Status.ObservedGeneration >= ds.Metadata.Generation && s.UpdatedNumberScheduled == s.DesiredNumberScheduled && s.NumberAvailable == s.DesiredNumberScheduled;
            return done ? cluster : throw new ShouldAssertException(
                $"DaemonSet {ds.Metadata.Namespace}/{ds.Metadata.Name} should be rolled out but is not: with the OnDelete strategy a pod gets the new template only when it is deleted {counters}");
        }

        var status = cluster.Simulation.GetRolloutStatus(ds.Metadata.Namespace, ds.Metadata.Name);
        return status.Done ? cluster : throw new ShouldAssertException(
            $"DaemonSet {ds.Metadata.Namespace}/{ds.Metadata.Name} should be rolled out but is not: {status.Message.TrimEnd()} {counters}");
    }

    private static void ThrowIfEmpty(string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Length == 0)
        {
            throw new ArgumentException("Name at least one node: an empty list asserts nothing.", nameof(nodes));
        }
    }

    private static IEnumerable<string> Missing(TestCluster cluster, IEnumerable<string> nodes) =>
        nodes.Where(n => !cluster.State.Nodes.ContainsKey(n)).Order(NaturalStringComparer.Instance);

    private static TestCluster Check(this TestCluster cluster, string daemonSet, IEnumerable<(string Node, bool ShouldRun)> expectations)
    {
        var ds = cluster.DaemonSet(daemonSet);
        var key = ds.Metadata.Key;
        var failures = new List<string>();
        var count = 0;
        foreach (var (node, shouldRun) in expectations)
        {
            // A node the cluster lacks is a mistake in the test (a typo passes ShouldNotRun otherwise), whichever way it was expected.
            var exists = cluster.State.Nodes.ContainsKey(node);
            if (exists && cluster.Runs(ds, node) == shouldRun)
            {
                continue;
            }

            count++;
            if (failures.Count < MaxListedNodes)
            {
                failures.Add(!exists
                    ? $"DaemonSet {key} {(shouldRun ? "should run" : "should not run")} on {node}, but the cluster has no node named {node}"
                    : shouldRun
                    ? $"DaemonSet {key} should run on {node} but does not: {cluster.Why(key, node)}"
                    : $"DaemonSet {key} should not run on {node} but does: {cluster.Why(key, node)}");
            }
        }

        if (count == 0)
        {
            return cluster;
        }

        if (count == 1)
        {
            throw new ShouldAssertException(failures[0]);
        }

        var more = count > failures.Count ? $"{Environment.NewLine}  ... and {count - failures.Count} more" : "";
        throw new ShouldAssertException(
            $"DaemonSet {key} runs differently than expected on {count} nodes:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", failures) + more);
    }
}
