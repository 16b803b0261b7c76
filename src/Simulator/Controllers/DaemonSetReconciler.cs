using System.Collections.Immutable;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Controllers;

/// <summary>One node's share of a DaemonSet's status.</summary>
/// <param name="Desired">The node should run a daemon pod.</param>
/// <param name="Current">It should, and has at least one.</param>
/// <param name="Ready">Its first pod is Ready.</param>
/// <param name="Available">Its first pod is available.</param>
/// <param name="Updated">Its first pod runs the current template.</param>
/// <param name="Misscheduled">It should not run a daemon pod but has one.</param>
public readonly record struct NodeContribution(bool Desired, bool Current, bool Ready, bool Available, bool Updated, bool Misscheduled);

/// <summary>The result of a full reconcile of one DaemonSet.</summary>
/// <param name="Actions">What the controller does to pods, in order.</param>
/// <param name="Status">The status computed from the state the reconcile read.</param>
/// <param name="History">What it does to ControllerRevisions (before the pod actions).</param>
public sealed record ReconcileResult(ImmutableArray<DaemonSetAction> Actions, DaemonSetStatus Status, ImmutableArray<RevisionAction> History = default);

/// <summary>
/// The DaemonSet controller's sync as pure functions of (cluster state, DaemonSet, now): the manage pass per node (§12),
/// claiming (§17.2) and the status computation (§16). Nothing here mutates anything.
/// </summary>
public static class DaemonSetReconciler
{
    /// <summary>Reconciles the whole DaemonSet, as one Kubernetes sync does (without the rolling-update pass).</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <param name="now">The time.</param>
    /// <param name="backoff">The failed-pod back-off, or null for none.</param>
    /// <returns>The actions and the status.</returns>
    public static ReconcileResult Reconcile(ClusterState state, DaemonSet ds, SimTime now, FailedPodBackoff? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var actions = ImmutableArray.CreateBuilder<DaemonSetAction>();
        if (ds.Metadata.DeletionTimestamp is not null)
        {
            return new ReconcileResult([], ds.Status, []);
        }

        if (ds.Spec.Selector is { IsEmpty: true })
        {
            actions.Add(new RecordEvent(EventType.Warning, "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required."));
            return new ReconcileResult(actions.ToImmutable(), ds.Status, []);
        }

        var history = DaemonSetHistory.Construct(state, ds);
        var plan = new DaemonSetPlan(ds, history.Current.Hash);
        actions.AddRange(ClaimOrphans(state, ds));
        var desired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nodeName in NodesToVisit(state, ds))
        {
            actions.AddRange(ReconcileNode(state, plan, nodeName, now, backoff));
            if (state.GetNode(nodeName) is { } node && plan.Evaluate(node).ShouldRun)
            {
                desired.Add(nodeName);
            }
        }

        // The rolling pass reads the same snapshot as the manage pass; Kubernetes runs it only once the manage pass's
        // creates and deletes have been observed, so it is skipped when the manage pass acted.
        if (actions.Count == 0)
        {
            actions.AddRange(RollingUpdate(state, plan, desired, now));
        }

        return new ReconcileResult(actions.ToImmutable(), ComputeStatus(state, plan, now), history.Actions);
    }

    /// <summary>The nodes a full sync looks at: every node, plus the target nodes of owned pods whose node no longer exists.</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>Node names in ordinal order.</returns>
    public static IEnumerable<string> NodesToVisit(ClusterState state, DaemonSet ds)
    {
        var vanished = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pod in state.PodsControlledBy(ds.Metadata.Uid))
        {
            var target = PodPlacement.TargetNodeName(pod);
            if (target is not null && !state.Nodes.ContainsKey(target))
            {
                vanished.Add(target);
            }
        }

        return vanished.Count == 0 ? state.Nodes.Keys : state.Nodes.Keys.Concat(vanished).Order(StringComparer.Ordinal);
    }

    /// <summary>Orphan pods in the DaemonSet's namespace whose labels match its selector, to adopt.</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="ds">The DaemonSet.</param>
    /// <returns>Adopt actions in pod key order.</returns>
    public static IEnumerable<DaemonSetAction> ClaimOrphans(ClusterState state, DaemonSet ds)
    {
        var selector = ds.Spec.Selector;
        if (selector is null || selector.IsEmpty || ds.Metadata.DeletionTimestamp is not null)
        {
            yield break;
        }

        var prefix = ds.Namespace + "/";
        foreach (var (key, pod) in state.Pods)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && pod.Metadata.ControllerRef is null && !pod.IsTerminating && selector.Matches(pod.Metadata.Labels))
            {
                yield return new AdoptPod(pod);
            }
        }
    }

    /// <summary>
    /// The manage pass for one node (§12.2): create a pod where one should run and none exists; delete failed (with back-off)
    /// and succeeded pods; keep one pod (or, with surge, the oldest new and oldest old); delete every pod where the DaemonSet may
    /// not continue running; delete unbound pods whose node is gone; release controlled pods whose labels stopped matching.
    /// </summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="plan">The DaemonSet's plan.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="now">The time.</param>
    /// <param name="backoff">The failed-pod back-off, or null for none.</param>
    /// <returns>The actions.</returns>
    public static List<DaemonSetAction> ReconcileNode(ClusterState state, DaemonSetPlan plan, string nodeName, SimTime now, FailedPodBackoff? backoff = null)
    {
        var node = state.GetNode(nodeName);
        return ReconcileNode(state, plan, nodeName, node, node is null ? default : plan.Evaluate(node), now, backoff, out _);
    }

    /// <summary>
    /// The manage pass for one node with the node's verdict already computed; <paramref name="pods"/> are the node's daemon pods
    /// it looked at, still current when it returns no action.
    /// </summary>
    internal static List<DaemonSetAction> ReconcileNode(ClusterState state, DaemonSetPlan plan, string nodeName, Node? node, NodeVerdict verdict, SimTime now, FailedPodBackoff? backoff, out List<Pod> pods)
    {
        var actions = new List<DaemonSetAction>();
        var ds = plan.DaemonSet;
        pods = DaemonPodsOnNode(state, plan, nodeName, actions);
        if (node is null)
        {
            foreach (var pod in pods)
            {
                if (!pod.IsBound && !pod.IsTerminating)
                {
                    actions.Add(new DeleteDaemonPod(pod));
                }
            }

            return actions;
        }

        if (verdict.ShouldRun && pods.Count == 0)
        {
            actions.Add(new CreateDaemonPod(nodeName));
        }
        else if (verdict.ShouldContinueRunning)
        {
            var running = new List<Pod>();
            foreach (var pod in pods)
            {
                if (pod.IsTerminating)
                {
                    continue;
                }

                if (pod.Status.Phase == PodPhase.Failed)
                {
                    var key = FailedPodBackoff.Key(ds.Metadata.Uid, ds.Status.ObservedGeneration, nodeName);
                    if (backoff is not null && backoff.IsInBackoff(key, now, out var delay))
                    {
                        actions.Add(new RequeueNode(nodeName, delay));
                        continue;
                    }

                    actions.Add(new AdvanceFailedPodBackoff(nodeName));
                    actions.Add(new RecordEvent(EventType.Warning, "FailedDaemonPod", $"Found failed daemon pod {pod.Namespace}/{pod.Name} on node {nodeName}, will try to kill it"));
                    actions.Add(new DeleteDaemonPod(pod));
                }
                else if (pod.Status.Phase == PodPhase.Succeeded)
                {
                    actions.Add(new RecordEvent(EventType.Normal, "SucceededDaemonPod", $"Found succeeded daemon pod {pod.Namespace}/{pod.Name} on node {nodeName}, will try to delete it"));
                    actions.Add(new DeleteDaemonPod(pod));
                }
                else
                {
                    running.Add(pod);
                }
            }

            if (!plan.AllowsSurge)
            {
                for (var i = 1; i < running.Count; i++)
                {
                    actions.Add(new DeleteDaemonPod(running[i]));
                }
            }
            else if (running.Count == 0)
            {
                if (verdict.ShouldRun)
                {
                    actions.Add(new CreateDaemonPod(nodeName));
                }
            }
            else if (running.Count > 1)
            {
                Pod? oldestNew = null, oldestOld = null;
                foreach (var pod in running)
                {
                    var isNew = pod.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) == plan.Hash;
                    if (isNew && oldestNew is null)
                    {
                        oldestNew = pod;
                    }
                    else if (!isNew && oldestOld is null)
                    {
                        oldestOld = pod;
                    }
                    else
                    {
                        actions.Add(new DeleteDaemonPod(pod));
                    }
                }

                if (oldestNew is not null && oldestOld is not null &&
                    (!oldestOld.IsReady || oldestNew.IsAvailable(ds.Spec.MinReadySeconds, now)))
                {
                    actions.Add(new DeleteDaemonPod(oldestOld));
                }
            }
        }
        else
        {
            foreach (var pod in pods)
            {
                if (!pod.IsTerminating)
                {
                    actions.Add(new DeleteDaemonPod(pod));
                }
            }
        }

        return actions;
    }

    /// <summary>
    /// The rolling-update pass (§13.2), run after the manage pass for a RollingUpdate DaemonSet. Without surge it deletes old pods
    /// within the maxUnavailable budget (unavailable old pods regardless of it) and lets the manage pass create the replacements;
    /// with surge it creates new pods beside old ones within maxSurge and deletes old pods whose node may no longer run them.
    /// </summary>
    /// <remarks>Kubernetes walks nodes in Go map order; the simulator walks them in ordinal name order.</remarks>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="plan">The DaemonSet's plan.</param>
    /// <param name="desiredNodes">The nodes where the DaemonSet should run (shouldRun).</param>
    /// <param name="now">The time.</param>
    /// <returns>The actions.</returns>
    public static List<DaemonSetAction> RollingUpdate(ClusterState state, DaemonSetPlan plan, IReadOnlySet<string> desiredNodes, SimTime now)
    {
        var ds = plan.DaemonSet;
        if (ds.Spec.UpdateStrategy.Type != DaemonSetUpdateStrategyType.RollingUpdate)
        {
            return [];
        }

        var nodes = new SortedSet<string>(desiredNodes, StringComparer.Ordinal);
        foreach (var pod in state.PodsControlledBy(ds.Metadata.Uid))
        {
            if (PodPlacement.TargetNodeName(pod) is { } target && state.Nodes.ContainsKey(target))
            {
                nodes.Add(target);
            }
        }

        var tally = new RolloutTally();
        foreach (var nodeName in nodes)
        {
            tally.Add(nodeName, RolloutSlot.Classify(state, plan, nodeName, desiredNodes.Contains(nodeName), now));
        }

        return tally.Actions(RollingUpdateBudget.Resolve(ds, desiredNodes.Count), desiredNodes.Count);
    }

    /// <summary>Kubernetes' <c>findUpdatedPodsOnNode</c>: the node's one new and one old non-terminating pod; false when it has two of a kind.</summary>
    internal static bool FindUpdatedPods(ClusterState state, DaemonSetPlan plan, string nodeName, out Pod? newPod, out Pod? oldPod)
    {
        newPod = null;
        oldPod = null;
        foreach (var pod in DaemonPodsOnNode(state, plan, nodeName, null))
        {
            if (pod.IsTerminating)
            {
                continue;
            }

            if (plan.IsUpdated(pod))
            {
                if (newPod is not null)
                {
                    return false;
                }

                newPod = pod;
            }
            else
            {
                if (oldPod is not null)
                {
                    return false;
                }

                oldPod = pod;
            }
        }

        return true;
    }

    /// <summary>One node's share of the status (§16), looking only at the node's first pod (bound first, oldest, name).</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="plan">The DaemonSet's plan.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="now">The time.</param>
    /// <returns>The contribution; all false for a node that does not exist.</returns>
    public static NodeContribution ComputeContribution(ClusterState state, DaemonSetPlan plan, string nodeName, SimTime now)
    {
        var node = state.GetNode(nodeName);
        return node is null ? default : ComputeContribution(state, plan, nodeName, plan.Evaluate(node), now);
    }

    /// <summary>One node's share of the status with the node's verdict already computed (the node exists).</summary>
    internal static NodeContribution ComputeContribution(ClusterState state, DaemonSetPlan plan, string nodeName, NodeVerdict verdict, SimTime now) =>
        ComputeContribution(plan, verdict, DaemonPodsOnNode(state, plan, nodeName, null), now);

    /// <summary>One node's share of the status from its daemon pods, as <see cref="DaemonPodsOnNode"/> lists them.</summary>
    internal static NodeContribution ComputeContribution(DaemonSetPlan plan, NodeVerdict verdict, List<Pod> pods, SimTime now)
    {
        if (!verdict.ShouldRun)
        {
            return new NodeContribution(false, false, false, false, false, Misscheduled: pods.Count > 0);
        }

        if (pods.Count == 0)
        {
            return new NodeContribution(true, false, false, false, false, false);
        }

        var first = pods[0];
        var ready = first.IsReady;
        var available = ready && first.IsAvailable(plan.DaemonSet.Spec.MinReadySeconds, now);
        return new NodeContribution(true, true, ready, available, plan.IsUpdated(first), false);
    }

    /// <summary>
    /// The earliest future instant at which one of the DaemonSet's pods on the node, Ready but not yet available, becomes available
    /// (the controller re-queues itself for it, as Kubernetes does <c>minReadySeconds</c> after a pod turns ready); null when none.
    /// </summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="plan">The DaemonSet's plan.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="now">The time.</param>
    /// <returns>The instant, or null.</returns>
    public static SimTime? NextAvailability(ClusterState state, DaemonSetPlan plan, string nodeName, SimTime now)
    {
        var minReady = plan.DaemonSet.Spec.MinReadySeconds;
        if (minReady == 0)
        {
            return null;
        }

        SimTime? next = null;
        foreach (var key in state.PodKeysControlledByOnNode(plan.DaemonSet.Metadata.Uid, nodeName))
        {
            // Terminating pods too: a node's status counts its first pod even while it terminates (ComputeContribution).
            var pod = state.Pods[key];
            if (pod.IsReady && !pod.IsAvailable(minReady, now))
            {
                var at = pod.GetCondition(PodConditionType.Ready)!.LastTransitionTime + TimeSpan.FromSeconds(minReady);
                if (next is null || at < next)
                {
                    next = at;
                }
            }
        }

        return next;
    }

    /// <summary>The whole status, computed from scratch over every node (the reference the incremental controller must equal).</summary>
    /// <param name="state">The cluster snapshot.</param>
    /// <param name="plan">The DaemonSet's plan.</param>
    /// <param name="now">The time.</param>
    /// <returns>The status, with <c>observedGeneration</c> set to the DaemonSet's generation.</returns>
    public static DaemonSetStatus ComputeStatus(ClusterState state, DaemonSetPlan plan, SimTime now)
    {
        var totals = new StatusTotals();
        foreach (var nodeName in state.Nodes.Keys)
        {
            totals.Add(ComputeContribution(state, plan, nodeName, now));
        }

        return totals.ToStatus(plan.DaemonSet);
    }

    /// <summary>
    /// The DaemonSet's pods targeting a node, as the controller sees them: controlled by it, labels still matching (others are
    /// released when <paramref name="actions"/> is given), terminal-and-deleting pods dropped, sorted bound first, then by creation
    /// time (seconds), then name.
    /// </summary>
    internal static List<Pod> DaemonPodsOnNode(ClusterState state, DaemonSetPlan plan, string nodeName, List<DaemonSetAction>? actions)
    {
        var ds = plan.DaemonSet;
        var selector = ds.Spec.Selector;
        var keys = state.PodKeysControlledByOnNode(ds.Metadata.Uid, nodeName);
        var pods = new List<Pod>(keys.Count);
        foreach (var key in keys)
        {
            var pod = state.Pods[key];
            if (pod.Namespace != ds.Namespace)
            {
                continue;
            }

            if (selector is null || !selector.Matches(pod.Metadata.Labels))
            {
                actions?.Add(new ReleasePod(pod));
                continue;
            }

            if (pod.IsTerminal && pod.IsTerminating)
            {
                continue;
            }

            pods.Add(pod);
        }

        if (pods.Count > 1)
        {
            pods.Sort(CompareDaemonPods);
        }

        return pods;
    }

    /// <summary>Kubernetes' <c>podByCreationTimestampAndPhase</c>: bound before unbound, older before newer (second precision), then by name.</summary>
    /// <param name="a">One pod.</param>
    /// <param name="b">Another.</param>
    /// <returns>The order.</returns>
    public static int CompareDaemonPods(Pod a, Pod b)
    {
        if (a.IsBound != b.IsBound)
        {
            return a.IsBound ? -1 : 1;
        }

        var byTime = a.Metadata.CreationTimestamp.TruncateToSeconds().CompareTo(b.Metadata.CreationTimestamp.TruncateToSeconds());
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Name, b.Name);
    }
}

/// <summary>Running totals of node contributions.</summary>
internal sealed class StatusTotals
{
    public int Desired { get; private set; }

    public int Current { get; private set; }

    public int Ready { get; private set; }

    public int Available { get; private set; }

    public int Updated { get; private set; }

    public int Misscheduled { get; private set; }

    public void Add(NodeContribution c) => Apply(c, 1);

    public void Remove(NodeContribution c) => Apply(c, -1);

    public DaemonSetStatus ToStatus(DaemonSet ds) => ds.Status with
    {
        DesiredNumberScheduled = Desired,
        CurrentNumberScheduled = Current,
        NumberReady = Ready,
        NumberAvailable = Available,
        UpdatedNumberScheduled = Updated,
        NumberMisscheduled = Misscheduled,
        NumberUnavailable = Desired - Available,
        ObservedGeneration = ds.Metadata.Generation,
    };

    private void Apply(NodeContribution c, int sign)
    {
        Desired += c.Desired ? sign : 0;
        Current += c.Current ? sign : 0;
        Ready += c.Ready ? sign : 0;
        Available += c.Available ? sign : 0;
        Updated += c.Updated ? sign : 0;
        Misscheduled += c.Misscheduled ? sign : 0;
    }
}
