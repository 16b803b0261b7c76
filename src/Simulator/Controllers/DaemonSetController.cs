using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Controllers;

/// <summary>
/// The DaemonSet controller as the simulation runs it: the pure <see cref="DaemonSetReconciler"/> driven by a work queue of
/// (DaemonSet, node) pairs, so a node event costs one eligibility check per DaemonSet, not one per node and DaemonSet. Status is
/// kept as a sum of per-node contributions and written when it changes.
/// </summary>
internal sealed class DaemonSetController
{
    private static readonly Comparer<(string Ds, string Node)> PairOrder = Comparer<(string Ds, string Node)>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Ds, b.Ds);
        return c != 0 ? c : string.CompareOrdinal(a.Node, b.Node);
    });

    private readonly Simulation _sim;
    private readonly FailedPodBackoff _backoff = new();
    private readonly SortedDictionary<string, Tracking> _tracked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyByUid = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _dirtyFull = new(StringComparer.Ordinal);
    private readonly SortedSet<(string Ds, string Node)> _dirtyNodes = new(PairOrder);
    private readonly SortedSet<(string Ds, string Pod)> _orphans = new(PairOrder);
    private readonly SortedSet<string> _dirtyStatus = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _touched = new(StringComparer.Ordinal);

    private readonly bool _fullResync;

    public DaemonSetController(Simulation sim)
    {
        _sim = sim;
        _fullResync = sim.Options.DaemonSetFullResync;
    }

    public long Evaluations { get; private set; }

    public void OnDaemonSetChanged(string key) => _dirtyFull.Add(key);

    public void OnNodeChanged(string nodeName)
    {
        foreach (var key in _tracked.Keys)
        {
            MarkDirty(key, nodeName);
        }
    }

    private void MarkDirty(string key, string nodeName)
    {
        if (_fullResync)
        {
            _dirtyFull.Add(key);
        }
        else
        {
            _dirtyNodes.Add((key, nodeName));
        }
    }

    public void OnPodChanged(Pod? old, Pod? current)
    {
        // A pod that goes, or changes revision, may have been the last to pin an old revision: history is pruned again.
        if (old?.Metadata.ControllerRef is { } owner && _keyByUid.TryGetValue(owner.Uid, out var ownerKey) &&
            (current is null || current.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) != old.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash)))
        {
            _tracked[ownerKey].PruneDue = true;
        }

        MarkOwner(old, removed: true);
        MarkOwner(current, removed: false);
        if (current is not null && current.Metadata.ControllerRef is null && !current.IsTerminating)
        {
            foreach (var (key, tracking) in _tracked)
            {
                var selector = tracking.Plan.DaemonSet.Spec.Selector;
                if (tracking.Plan.DaemonSet.Namespace == current.Namespace && selector is { IsEmpty: false } && selector.Matches(current.Metadata.Labels))
                {
                    _orphans.Add((key, current.Key));
                }
            }
        }
    }

    /// <summary>Finishes a foreground deletion once the last dependent pod is gone.</summary>
    public void OnDependentChanged(Pod? old, Pod? current)
    {
        if (current is not null || old?.Metadata.ControllerRef is not { Kind: "DaemonSet" } owner)
        {
            return;
        }

        var ds = _sim.State.GetDaemonSet(old.Namespace, owner.Name);
        if (ds is not null && ds.Metadata.Uid == owner.Uid && ds.Metadata.DeletionTimestamp is not null && !_sim.State.PodsControlledBy(ds.Metadata.Uid).Any())
        {
            _sim.FinishDaemonSetDeletion(ds.Key);
        }
    }

    public bool Process()
    {
        if (_dirtyFull.Count == 0 && _dirtyNodes.Count == 0 && _orphans.Count == 0 && _dirtyStatus.Count == 0)
        {
            return false;
        }

        while (_dirtyFull.Count > 0 || _dirtyNodes.Count > 0 || _orphans.Count > 0)
        {
            // DaemonSet by DaemonSet in key order, each one's full sync, adoptions and node syncs together: the order of pod
            // creations (and so of names, uids and who gets a scarce slot) must not depend on whether a change arrived as a full
            // sync or per node, or the full-resync reference would not be a reference.
            var full = Drain(_dirtyFull);
            var orphans = Drain(_orphans);
            var nodes = Drain(_dirtyNodes);
            var keys = new SortedSet<string>(full, StringComparer.Ordinal);
            keys.UnionWith(orphans.Select(o => o.Ds));
            keys.UnionWith(nodes.Select(n => n.Ds));
            int nextOrphan = 0, nextNode = 0;
            foreach (var key in keys)
            {
                if (full.BinarySearch(key, StringComparer.Ordinal) >= 0)
                {
                    SyncAll(key);
                }

                for (; nextOrphan < orphans.Count && orphans[nextOrphan].Ds == key; nextOrphan++)
                {
                    Adopt(key, orphans[nextOrphan].Pod);
                }

                for (; nextNode < nodes.Count && nodes[nextNode].Ds == key; nextNode++)
                {
                    if (_tracked.TryGetValue(key, out var tracking))
                    {
                        SyncNode(key, tracking, nodes[nextNode].Node);
                        _touched.Add(key);
                    }
                }
            }

            foreach (var key in Drain(_touched))
            {
                RollIfNeeded(key);
                RetryFailedCreates(key);
            }
        }

        foreach (var key in Drain(_dirtyStatus))
        {
            WriteStatus(key);
        }

        return true;
    }

    private static List<T> Drain<T>(SortedSet<T> set)
    {
        var items = new List<T>(set);
        set.Clear();
        return items;
    }

    private void MarkOwner(Pod? pod, bool removed)
    {
        if (pod?.Metadata.ControllerRef is not { } owner || !_keyByUid.TryGetValue(owner.Uid, out var key))
        {
            return;
        }

        var tracking = _tracked[key];
        if (removed || tracking.Plan.IsUpdated(pod))
        {
            tracking.OldPods.Remove(pod.Key);
        }
        else
        {
            tracking.OldPods.Add(pod.Key);
        }

        // Every change, including the controller's own creates and deletes, is looked at again, as an informer event would
        // trigger another sync: a deleted failed pod is replaced there, and a create is seen to need nothing more.
        if (PodPlacement.TargetNodeName(pod) is { } target)
        {
            MarkDirty(key, target);
        }
    }

    private void SyncAll(string key)
    {
        var state = _sim.State;
        var ds = state.DaemonSets.GetValueOrDefault(key);
        if (ds is null)
        {
            if (_tracked.Remove(key, out var gone))
            {
                _keyByUid.Remove(gone.Plan.DaemonSet.Metadata.Uid);
            }

            return;
        }

        if (ds.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        if (ds.Spec.Selector is null || ds.Spec.Selector.IsEmpty)
        {
            _sim.RecordOn(ds, EventType.Warning, "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.", EventSources.DaemonSetController);
            return;
        }

        if (_tracked.TryGetValue(key, out var stale) && stale.Plan.DaemonSet.Metadata.Uid != ds.Metadata.Uid)
        {
            // Deleted and created again under the same name before the controller ran: a different object.
            _tracked.Remove(key);
            _keyByUid.Remove(stale.Plan.DaemonSet.Metadata.Uid);
        }

        // History first: the current revision decides the hash new pods carry.
        var history = DaemonSetHistory.Construct(state, ds);
        foreach (var action in history.Actions)
        {
            _sim.ApplyRevisionAction(ds, action);
        }

        ds = _sim.State.DaemonSets[key];
        state = _sim.State;
        if (!_tracked.TryGetValue(key, out var tracking))
        {
            tracking = new Tracking(new DaemonSetPlan(ds, history.Current.Hash));
            _tracked[key] = tracking;
            _keyByUid[ds.Metadata.Uid] = key;
        }
        else
        {
            tracking.Plan = new DaemonSetPlan(ds, history.Current.Hash);
        }

        // The current revision may have changed: recount the pods that do not run it, and walk every node again.
        tracking.OldPods.Clear();
        tracking.RolloutStale.UnionWith(tracking.RolloutSlots.Keys);
        foreach (var pod in state.PodsControlledBy(ds.Metadata.Uid))
        {
            if (!tracking.Plan.IsUpdated(pod))
            {
                tracking.OldPods.Add(pod.Key);
            }
        }

        foreach (var action in DaemonSetReconciler.ClaimOrphans(state, ds))
        {
            Apply(tracking, action);
        }

        foreach (var node in NodesToVisit(_sim.State, ds, tracking, _fullResync))
        {
            SyncNode(key, tracking, node);
        }

        _dirtyStatus.Add(key);
        _touched.Add(key);
        tracking.PruneDue = true;
    }

    /// <summary>
    /// The nodes a full sync must look at: those the template's nodeName or nodeSelector admit (from the label index, so a selective
    /// DaemonSet does not scan the whole cluster), plus every node that has one of its pods or counted in its status before.
    /// </summary>
    private static SortedSet<string> NodesToVisit(ClusterState state, DaemonSet ds, Tracking tracking, bool everyNode)
    {
        var spec = ds.Spec.Template.Spec;
        // everyNode is the upstream algorithm: every node, every time.
        IEnumerable<string> candidates = state.Nodes.Keys;
        if (!everyNode && spec.NodeName.Length != 0)
        {
            candidates = state.Nodes.ContainsKey(spec.NodeName) ? [spec.NodeName] : [];
        }
        else if (!everyNode && !spec.NodeSelector.IsEmpty)
        {
            IReadOnlyCollection<string>? smallest = null;
            foreach (var (labelKey, labelValue) in spec.NodeSelector)
            {
                var names = state.NodesWithLabel(labelKey, labelValue);
                if (smallest is null || names.Count < smallest.Count)
                {
                    smallest = names;
                }
            }

            candidates = smallest!;
        }

        var nodes = new SortedSet<string>(candidates, StringComparer.Ordinal);
        nodes.UnionWith(tracking.Contributions.Keys);
        foreach (var pod in state.PodsControlledBy(ds.Metadata.Uid))
        {
            if (PodPlacement.TargetNodeName(pod) is { } target)
            {
                nodes.Add(target);
            }
        }

        return nodes;
    }

    private void Adopt(string key, string podKey)
    {
        if (!_tracked.TryGetValue(key, out var tracking) || !_sim.State.Pods.TryGetValue(podKey, out var pod))
        {
            return;
        }

        var ds = tracking.Plan.DaemonSet;
        if (pod.Metadata.ControllerRef is null && !pod.IsTerminating && ds.Metadata.DeletionTimestamp is null && ds.Spec.Selector is { IsEmpty: false } s && s.Matches(pod.Metadata.Labels))
        {
            Apply(tracking, new AdoptPod(pod));
        }
    }

    private void SyncNode(string key, Tracking tracking, string nodeName)
    {
        var ds = _sim.State.DaemonSets.GetValueOrDefault(key);
        if (ds is null || ds.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        tracking.Plan = tracking.Plan.For(ds);

        // Every change to a node's pods, node object, verdict or availability comes through here (pod events and timers
        // re-queue the node), so this is where the node is marked for the rolling-update tally to classify again.
        tracking.RolloutStale.Add(nodeName);
        var node = _sim.State.GetNode(nodeName);
        var verdict = node is null ? default : Verdict(tracking, node);

        var actions = DaemonSetReconciler.ReconcileNode(_sim.State, tracking.Plan, nodeName, node, verdict, _sim.Now, _backoff, out var pods);
        foreach (var action in actions)
        {
            Apply(tracking, action);
        }

        if (node is null)
        {
            tracking.Verdicts.Remove(nodeName);
        }

        // Most syncs only confirm a node (nothing to do): its pods are then the ones the manage pass just listed.
        var contribution = node is null ? default
            : actions.Count == 0 ? DaemonSetReconciler.ComputeContribution(tracking.Plan, verdict, pods, _sim.Now)
            : DaemonSetReconciler.ComputeContribution(_sim.State, tracking.Plan, nodeName, verdict, _sim.Now);
        var previous = tracking.Contributions.GetValueOrDefault(nodeName);
        if (contribution != previous)
        {
            tracking.Totals.Remove(previous);
            tracking.Totals.Add(contribution);
            if (contribution == default)
            {
                tracking.Contributions.Remove(nodeName);
            }
            else
            {
                tracking.Contributions[nodeName] = contribution;
            }

            _dirtyStatus.Add(key);
        }

        if (node is not null && DaemonSetReconciler.NextAvailability(_sim.State, tracking.Plan, nodeName, _sim.Now) is { } at &&
            tracking.AvailabilityChecks.GetValueOrDefault(nodeName) != at)
        {
            tracking.AvailabilityChecks[nodeName] = at;
            _sim.At(at, sim => sim.RequeueDaemonSetNode(key, nodeName));
        }
    }

    public void Requeue(string key, string nodeName) => MarkDirty(key, nodeName);

    /// <summary>
    /// A sync whose creates failed is retried with the controller work queue's per-item exponential back-off (5 ms doubling to
    /// 1000 s), as Kubernetes requeues a DaemonSet whose sync returned an error; the streak resets when a create succeeds.
    /// </summary>
    private void RetryFailedCreates(string key)
    {
        if (!_tracked.TryGetValue(key, out var tracking) || tracking.FailedCreates.Count == 0)
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(Math.Min(5.0 * Math.Pow(2, tracking.CreateFailureStreak), 1_000_000));
        tracking.CreateFailureStreak = Math.Min(tracking.CreateFailureStreak + 1, 40);
        var nodes = tracking.FailedCreates.ToList();
        tracking.FailedCreates.Clear();
        _sim.At(_sim.Now + delay, sim =>
        {
            foreach (var node in nodes)
            {
                sim.RequeueDaemonSetNode(key, node);
            }
        });
    }

    /// <summary>
    /// The node's verdict, evaluated only when the node object or the pod template changed since the last evaluation: pod events
    /// re-sync a node without re-checking its eligibility.
    /// </summary>
    private NodeVerdict Verdict(Tracking tracking, Node node)
    {
        var template = tracking.Plan.DaemonSet.Spec.Template.Spec;
        if (!_fullResync && tracking.Verdicts.TryGetValue(node.Name, out var cached) && ReferenceEquals(cached.Node, node) && ReferenceEquals(cached.Template, template))
        {
            return cached.Verdict;
        }

        var verdict = tracking.Plan.Evaluate(node);
        Evaluations++;
        tracking.Verdicts[node.Name] = (node, template, verdict);
        return verdict;
    }

    /// <summary>
    /// Prunes history beyond the limit when it may have changed, then runs the rolling-update pass while some pod of a
    /// RollingUpdate DaemonSet does not run the current template.
    /// </summary>
    private void RollIfNeeded(string key)
    {
        if (!_tracked.TryGetValue(key, out var tracking))
        {
            return;
        }

        var live = _sim.State.DaemonSets.GetValueOrDefault(key);
        if (tracking.PruneDue && live is not null && live.Metadata.DeletionTimestamp is null)
        {
            tracking.PruneDue = false;
            foreach (var revision in DaemonSetHistory.Prune(_sim.State, live, tracking.Plan.Hash))
            {
                _sim.ApplyRevisionAction(live, new DeleteRevision(revision));
            }
        }

        if (tracking.OldPods.Count == 0)
        {
            return;
        }

        var ds = _sim.State.DaemonSets.GetValueOrDefault(key);
        if (ds is null || ds.Metadata.DeletionTimestamp is not null || ds.Spec.UpdateStrategy.Type != DaemonSetUpdateStrategyType.RollingUpdate)
        {
            return;
        }

        tracking.Plan = tracking.Plan.For(ds);
        var actions = _fullResync ? RollPlainly(tracking) : RollIncrementally(tracking);
        foreach (var action in actions)
        {
            Apply(tracking, action);
        }
    }

    /// <summary>The rolling-update pass as upstream runs it: a walk over every node of the DaemonSet.</summary>
    private List<DaemonSetAction> RollPlainly(Tracking tracking)
    {
        var desired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, contribution) in tracking.Contributions)
        {
            if (contribution.Desired)
            {
                desired.Add(node);
            }
        }

        return DaemonSetReconciler.RollingUpdate(_sim.State, tracking.Plan, desired, _sim.Now);
    }

    /// <summary>
    /// The same pass from a tally kept node by node: only the nodes whose pods, node object, verdict or availability changed
    /// since the last pass are classified again, so a rollout costs O(nodes) in all rather than O(nodes) per round.
    /// </summary>
    private List<DaemonSetAction> RollIncrementally(Tracking tracking)
    {
        var state = _sim.State;
        var uid = tracking.Plan.DaemonSet.Metadata.Uid;

        // Each node is classified on its own and the tally is a sum, so the order of this walk does not matter.
        foreach (var nodeName in tracking.RolloutStale)
        {
            if (tracking.RolloutSlots.Remove(nodeName, out var previous))
            {
                tracking.Tally.Remove(nodeName, previous);
            }

            var desired = tracking.Contributions.TryGetValue(nodeName, out var contribution) && contribution.Desired;
            if (desired || (state.Nodes.ContainsKey(nodeName) && !state.PodKeysControlledByOnNode(uid, nodeName).IsEmpty))
            {
                var slot = RolloutSlot.Classify(state, tracking.Plan, nodeName, desired, _sim.Now);
                tracking.RolloutSlots[nodeName] = slot;
                tracking.Tally.Add(nodeName, slot);
            }
        }

        tracking.RolloutStale.Clear();
        return tracking.Tally.Actions(RollingUpdateBudget.Resolve(tracking.Plan.DaemonSet, tracking.Totals.Desired), tracking.Totals.Desired);
    }

    private void Apply(Tracking tracking, DaemonSetAction action)
    {
        var ds = tracking.Plan.DaemonSet;
        switch (action)
        {
            case CreateDaemonPod create:
                // Slow start: once a create fails, Kubernetes skips the remaining batches of the sync and retries later.
                if (tracking.FailedCreates.Count > 0)
                {
                    tracking.FailedCreates.Add(create.NodeName);
                    break;
                }

                var created = _sim.CreatePodFromController(DaemonPodFactory.Create(tracking.Plan, create.NodeName), out var error);
                if (created is not null)
                {
                    _sim.RecordOn(ds, EventType.Normal, "SuccessfulCreate", "Created pod: " + created.Name, EventSources.DaemonSetController);
                    tracking.CreateFailureStreak = 0;
                }
                else
                {
                    _sim.RecordOn(ds, EventType.Warning, "FailedCreate", "Error creating: " + error, EventSources.DaemonSetController);
                    tracking.FailedCreates.Add(create.NodeName);
                }

                break;
            case DeleteDaemonPod delete:
                if (_sim.DeletePodFromController(delete.Pod.Key, delete.Pod.Metadata.Uid))
                {
                    _sim.RecordOn(ds, EventType.Normal, "SuccessfulDelete", "Deleted pod: " + delete.Pod.Name, EventSources.DaemonSetController);
                }

                break;
            case AdoptPod adopt:
                _sim.PutPod(adopt.Pod with
                {
                    Metadata = adopt.Pod.Metadata with
                    {
                        OwnerReferences = adopt.Pod.Metadata.OwnerReferences.Add(new OwnerReference("apps/v1", "DaemonSet", ds.Name, ds.Metadata.Uid)),
                    },
                });
                break;
            case ReleasePod release:
                _sim.PutPod(release.Pod with
                {
                    Metadata = release.Pod.Metadata with
                    {
                        OwnerReferences = release.Pod.Metadata.OwnerReferences.Where(o => o.Uid != ds.Metadata.Uid).ToEquatableArray(),
                    },
                });
                break;
            case RecordEvent record:
                _sim.RecordOn(ds, record.Type, record.Reason, record.Message, EventSources.DaemonSetController);
                break;
            case AdvanceFailedPodBackoff advance:
                _backoff.Next(FailedPodBackoff.Key(ds.Metadata.Uid, ds.Status.ObservedGeneration, advance.NodeName), _sim.Now);
                break;
            case RequeueNode requeue:
                var key = ds.Key;
                _sim.At(_sim.Now + requeue.Delay, sim => sim.RequeueDaemonSetNode(key, requeue.NodeName));
                break;
            default:
                throw new InvalidOperationException("Unknown action " + action);
        }
    }

    private void WriteStatus(string key)
    {
        if (!_tracked.TryGetValue(key, out var tracking))
        {
            return;
        }

        var ds = _sim.State.DaemonSets.GetValueOrDefault(key);
        if (ds is null || ds.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        var status = tracking.Totals.ToStatus(ds);
        if (status != ds.Status)
        {
            _sim.PutDaemonSet(ds with { Status = status }, specChanged: false);
            tracking.Plan = tracking.Plan.For(_sim.State.DaemonSets[key]);
        }

        _sim.RecordRolloutStatus(_sim.State.DaemonSets[key], tracking.OldPods.Count == 0);
    }

    private sealed class Tracking(DaemonSetPlan plan)
    {
        public DaemonSetPlan Plan { get; set; } = plan;

        public Dictionary<string, NodeContribution> Contributions { get; } = new(StringComparer.Ordinal);

        public StatusTotals Totals { get; } = new();

        public HashSet<string> OldPods { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether history may have revisions to prune (set when history or the hashes pods carry change).</summary>
        public bool PruneDue { get; set; }

        /// <summary>The last verdict per node, with the node object and template it was computed from.</summary>
        public Dictionary<string, (Node Node, PodSpec Template, NodeVerdict Verdict)> Verdicts { get; } = new(StringComparer.Ordinal);

        /// <summary>Nodes whose pod could not be created in this round (retried with back-off).</summary>
        public SortedSet<string> FailedCreates { get; } = new(StringComparer.Ordinal);

        /// <summary>Consecutive rounds with failed creates (the work queue's per-item failure count).</summary>
        public int CreateFailureStreak { get; set; }

        /// <summary>The rolling-update pass's classification of each walked node, as of the last pass.</summary>
        public Dictionary<string, RolloutSlot> RolloutSlots { get; } = new(StringComparer.Ordinal);

        /// <summary>The sums of <see cref="RolloutSlots"/>.</summary>
        public RolloutTally Tally { get; } = new();

        /// <summary>Nodes to classify again before the next pass (their pods, node, verdict or availability may have changed).</summary>
        public HashSet<string> RolloutStale { get; } = new(StringComparer.Ordinal);

        /// <summary>The availability re-check already queued per node, so each instant is queued once.</summary>
        public Dictionary<string, SimTime> AvailabilityChecks { get; } = new(StringComparer.Ordinal);
    }
}
