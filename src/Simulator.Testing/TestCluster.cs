using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Testing;

/// <summary>
/// A running simulated cluster for one test: each change is applied the way kubectl would apply it and the cluster is then
/// run until nothing more happens, so the next line can assert on the outcome. Not thread-safe, and not meant to be: every test
/// makes its own (they cost milliseconds), which is what lets tests run in parallel.
/// </summary>
public sealed class TestCluster
{
    private static readonly TimeSpan DefaultSettleCap = TimeSpan.FromHours(24);

    private TestCluster(Simulation simulation) => Simulation = simulation;

    /// <summary>The simulation underneath, for everything this class does not wrap.</summary>
    public Simulation Simulation { get; }

    /// <summary>The cluster as it is now.</summary>
    public ClusterState State => Simulation.State;

    /// <summary>The node names in natural order (<c>k8s-worker-2</c> before <c>k8s-worker-10</c>).</summary>
    public IReadOnlyList<string> NodeNames => [.. State.Nodes.Keys.Order(NaturalStringComparer.Instance)];

    /// <summary>Creates a fresh simulation of <paramref name="cluster"/> and settles it.</summary>
    /// <param name="cluster">The description.</param>
    /// <returns>The settled cluster.</returns>
    /// <exception cref="InvalidOperationException">The cluster did not settle within a simulated day.</exception>
    public static TestCluster Start(ClusterBuilder cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var test = new TestCluster(new Simulation(cluster.Options));
        var sim = test.Simulation;
        foreach (var priorityClass in cluster.PriorityClasses)
        {
            sim.CreatePriorityClass(priorityClass);
        }

        foreach (var node in cluster.Nodes())
        {
            sim.CreateNode(node);
        }

        foreach (var pod in cluster.Pods)
        {
            test.EnsureNamespace(pod.Metadata.Namespace);
            sim.CreatePod(pod);
        }

        // The workload holds its nodes before the DaemonSets arrive, as on a real cluster where the agent is rolled out later:
        // a daemon pod then finds the node full, and preempts or stays Pending.
        if (!cluster.Pods.IsEmpty)
        {
            test.Settle();
        }

        foreach (var ds in cluster.DaemonSets)
        {
            test.EnsureNamespace(ds.Metadata.Namespace);
            sim.CreateDaemonSet(ds);
        }

        return test.Settle();
    }

    /// <summary>Creates the DaemonSet, or updates it when one with its name exists (<c>kubectl apply</c>), then settles.</summary>
    /// <param name="daemonSet">The DaemonSet (a <see cref="DaemonSetBuilder"/> converts implicitly). Its namespace is created if missing.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Apply(DaemonSet daemonSet)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        EnsureNamespace(daemonSet.Metadata.Namespace);
        if (State.GetDaemonSet(daemonSet.Metadata.Namespace, daemonSet.Metadata.Name) is { } existing)
        {
            // Like kubectl apply: the manifest's labels, its annotations over the ones the server keeps, the rest of the object's metadata as stored.
            Simulation.UpdateDaemonSet(daemonSet with { Metadata = existing.Metadata with { Labels = daemonSet.Metadata.Labels, Annotations = existing.Metadata.Annotations.Merge(daemonSet.Metadata.Annotations) } });
        }
        else
        {
            Simulation.CreateDaemonSet(daemonSet);
        }

        return Settle();
    }

    /// <summary>Creates an ordinary pod, then settles.</summary>
    /// <param name="pod">The pod (a <see cref="PodBuilder"/> converts implicitly). Its namespace is created if missing.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Apply(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        EnsureNamespace(pod.Metadata.Namespace);
        Simulation.CreatePod(pod);
        return Settle();
    }

    /// <summary>Adds nodes (a node joining the cluster), then settles.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>This cluster.</returns>
    public TestCluster AddNodes(params NodeBuilder[] nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes)
        {
            Simulation.CreateNode(node.Build());
        }

        return Settle();
    }

    /// <summary><c>kubectl delete node NAME</c>, then settles.</summary>
    /// <param name="node">The node.</param>
    /// <returns>This cluster.</returns>
    public TestCluster RemoveNode(string node) => Change(sim => sim.DeleteNode(node));

    /// <summary><c>kubectl taint node NODE key=value:Effect</c>, then settles.</summary>
    /// <param name="node">The node.</param>
    /// <param name="taint">The taint as kubectl writes it.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Taint(string node, string taint) => Change(sim => sim.TaintNode(node, Model.Taint.Parse(taint)));

    /// <summary><c>kubectl taint node NODE key[:Effect]-</c>, then settles.</summary>
    /// <param name="node">The node.</param>
    /// <param name="key">The taint key.</param>
    /// <param name="effect">The effect; every effect when null.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Untaint(string node, string key, string? effect = null) => Change(sim => sim.RemoveTaint(node, key, effect));

    /// <summary><c>kubectl label node NODE key=value</c> (or <c>key-</c> when <paramref name="value"/> is null), then settles.</summary>
    /// <param name="node">The node.</param>
    /// <param name="key">The label key.</param>
    /// <param name="value">The value; null removes the label.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Label(string node, string key, string? value) => Change(sim => sim.LabelNode(node, key, value));

    /// <summary><c>kubectl cordon NODE</c>, then settles.</summary>
    /// <param name="node">The node.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Cordon(string node) => Change(sim => sim.Cordon(node));

    /// <summary><c>kubectl uncordon NODE</c>, then settles.</summary>
    /// <param name="node">The node.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Uncordon(string node) => Change(sim => sim.Uncordon(node));

    /// <summary><c>kubectl set image ds/NAME CONTAINER=IMAGE</c> (the first container when <paramref name="container"/> is null), then settles: the rollout runs to its end.</summary>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="image">The new image.</param>
    /// <param name="container">The container; the first one when null.</param>
    /// <returns>This cluster.</returns>
    public TestCluster SetImage(string daemonSet, string image, string? container = null)
    {
        var ds = DaemonSet(daemonSet);
        return Change(sim => sim.SetImage(ds.Metadata.Namespace, ds.Metadata.Name, container ?? ds.Spec.Template.Spec.Containers[0].Name, image));
    }

    /// <summary><c>kubectl delete ds/NAME --cascade=...</c>, then settles.</summary>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="propagation">How its pods go (background by default, as kubectl).</param>
    /// <returns>This cluster.</returns>
    public TestCluster Delete(string daemonSet, DeletionPropagation propagation = DeletionPropagation.Background)
    {
        var (ns, name) = Keys.Split(daemonSet);
        return Change(sim => sim.DeleteDaemonSet(ns, name, propagation));
    }

    /// <summary>Makes any change through the simulation's API, then settles.</summary>
    /// <param name="change">The change.</param>
    /// <returns>This cluster.</returns>
    public TestCluster Change(Action<Simulation> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change(Simulation);
        return Settle();
    }

    /// <summary>Runs the cluster until nothing more happens.</summary>
    /// <param name="maxDuration">The most simulated time to allow (a day by default).</param>
    /// <returns>This cluster.</returns>
    /// <exception cref="InvalidOperationException">Something is still happening after <paramref name="maxDuration"/> (for example a pod in a crash loop).</exception>
    public TestCluster Settle(TimeSpan? maxDuration = null)
    {
        var cap = maxDuration ?? DefaultSettleCap;
        var result = Simulation.RunUntilSettled(cap);
        if (!result.Settled)
        {
            throw new InvalidOperationException(
                $"The cluster did not settle within {cap} of simulated time (now {result.Time}); what keeps happening: {RecentActivity()}. " +
                "Use Simulation.RunFor to run for a fixed time instead.");
        }

        return this;
    }

    /// <summary>The DaemonSet named <c>namespace/name</c> (or <c>name</c> in <c>default</c>).</summary>
    /// <param name="daemonSet">The key.</param>
    /// <returns>The DaemonSet as it is now, with its status.</returns>
    /// <exception cref="Shouldly.ShouldAssertException">No such DaemonSet.</exception>
    public DaemonSet DaemonSet(string daemonSet)
    {
        var (ns, name) = Keys.Split(daemonSet);
        return State.GetDaemonSet(ns, name) ?? throw new Shouldly.ShouldAssertException(
            $"DaemonSet {ns}/{name} does not exist; the cluster has {(State.DaemonSets.IsEmpty ? "no DaemonSets" : "DaemonSets " + string.Join(", ", State.DaemonSets.Keys))}");
    }

    /// <summary>The nodes where the DaemonSet has a running pod (bound, not terminating, phase Running and Ready), in natural order.</summary>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <returns>The node names.</returns>
    public IReadOnlyList<string> NodesRunning(string daemonSet)
    {
        var ds = DaemonSet(daemonSet);
        return [.. State.PodsControlledBy(ds.Metadata.Uid).Where(IsRunning).Select(p => p.Spec.NodeName).Distinct().Order(NaturalStringComparer.Instance)];
    }

    /// <summary>Whether the DaemonSet has a running pod on <paramref name="node"/>.</summary>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="node">The node.</param>
    /// <returns>True when a pod of it is bound there, not terminating, Running and Ready.</returns>
    public bool Runs(string daemonSet, string node) => Runs(DaemonSet(daemonSet), node);

    /// <summary>Rule by rule, why the DaemonSet does or does not run on <paramref name="node"/>.</summary>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="node">The node.</param>
    /// <returns>The explanation.</returns>
    public PlacementExplanation Explain(string daemonSet, string node)
    {
        var ds = DaemonSet(daemonSet);
        return Simulation.ExplainPlacement(ds.Metadata.Namespace, ds.Metadata.Name, node);
    }

    /// <summary>Why the DaemonSet does not run on <paramref name="node"/> (or, when it does, why it should not), in a few words.</summary>
    /// <param name="daemonSet">The DaemonSet, <c>namespace/name</c>.</param>
    /// <param name="node">The node.</param>
    /// <returns>The reasons, e.g. <c>taint app=fluentd-logging:NoExecute is not tolerated</c>.</returns>
    public string Why(string daemonSet, string node)
    {
        var ds = DaemonSet(daemonSet);
        if (State.GetNode(node) is null)
        {
            return $"the cluster has no node named {node}";
        }

        var explanation = Simulation.ExplainPlacement(ds.Metadata.Namespace, ds.Metadata.Name, node);
        var failed = explanation.Rules.Where(r => !r.Passed && (r.StopsNewPods || explanation.ShouldRun)).Select(Reason).ToList();
        if (!explanation.ShouldRun)
        {
            return string.Join("; ", failed);
        }

        var problem = Simulation.DiagnoseDaemonSet(ds.Metadata.Namespace, ds.Metadata.Name).FirstOrDefault(p => p.NodeName == node);
        var pending = problem is null ? null : problem.Pod is null ? $"{problem.Reason}: {problem.Message}" : $"pod {problem.Pod} is {problem.Reason}: {problem.Message}";
        if (failed.Count > 0)
        {
            return $"its pod cannot be placed there: {string.Join("; ", failed)}" + (pending is null ? "" : $" ({pending})");
        }

        return pending ?? "every rule passes";
    }

    // "Runs" as a person checking an agent means it: bound, not on its way out, Running and Ready. A crash-looping pod or one on
    // a node that stopped reporting is Running but not Ready, and does not count.
    // The commonest (reason, object) pairs among the last events: a crash loop, an eviction loop under a NoExecute taint
    // tolerated for a while, a pod that keeps failing.
    private string RecentActivity()
    {
        var recent = Simulation.Events.Skip(Math.Max(0, Simulation.Events.Count - 200));
        var top = recent
            .GroupBy(e => (e.Reason, Object: e.InvolvedObject.Kind + " " + e.InvolvedObject.Name))
            .Select(g => (g.Key.Reason, g.Key.Object, Count: g.Sum(e => e.Count)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Reason, StringComparer.Ordinal).ThenBy(g => g.Object, StringComparer.Ordinal)
            .Take(3)
            .Select(g => $"{g.Reason} on {g.Object} x{g.Count}")
            .ToList();
        return top.Count == 0 ? "no events (a timer keeps firing)" : string.Join(", ", top);
    }

    internal bool Runs(DaemonSet ds, string node) =>
        State.PodsControlledByOnNode(ds.Metadata.Uid, node).Any(p => IsRunning(p) && p.Spec.NodeName == node);

    internal static bool IsRunning(Pod pod) => pod.Spec.NodeName.Length > 0 && !pod.IsTerminating && pod.Status.Phase == PodPhase.Running && pod.IsReady;

    // A taint verdict's detail goes on to say what the effect does to pods; an assertion only needs the cause.
    private static string Reason(RuleVerdict rule)
    {
        if (rule.Rule == "Taint")
        {
            var cut = rule.Detail.IndexOf(": ", StringComparison.Ordinal);
            return cut < 0 ? rule.Detail : rule.Detail[..cut];
        }

        return rule.Detail;
    }

    private void EnsureNamespace(string ns)
    {
        if (ns.Length > 0 && !State.Namespaces.ContainsKey(ns))
        {
            Simulation.CreateNamespace(ns);
        }
    }
}

internal static class Keys
{
    public static (string Namespace, string Name) Split(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("default", key) : (key[..slash], key[(slash + 1)..]);
    }
}
