using System.Collections.Immutable;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Engine;

/// <summary>
/// An immutable snapshot of the whole cluster: nodes, pods, DaemonSets, namespaces and priority classes, with the indexes
/// the controllers and the scheduler read (pods by node, pods by owner and target node, resource usage by node).
/// </summary>
/// <remarks>
/// Every collection enumerates in ordinal key order (<c>namespace/name</c> for namespaced kinds), so anything derived from a
/// snapshot is deterministic. Snapshots are persistent: taking one is free and it never changes afterwards.
/// </remarks>
public sealed class ClusterState
{
    private static readonly ImmutableSortedSet<string> NoKeys = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _podsByNode;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _podsByOwner;
    private readonly ImmutableDictionary<(string Owner, string Target), ImmutableSortedSet<string>> _podsByOwnerAndTarget;
    private readonly ImmutableDictionary<string, NodeUsage> _usage;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _nodesByLabel;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _nominated;

    // The nodes as an array in name order, built on first use and handed on to later snapshots with the same nodes: the
    // scheduler walks it from a rotating start index (kube-scheduler's nextStartNodeIndex) on every attempt.
    private Node[]? _nodeList;

    private ClusterState(
        ClusterState source,
        ImmutableSortedDictionary<string, ControllerRevision> revisions)
        : this(source.Now, source.Nodes, source.Pods, source.DaemonSets, source.Namespaces, source.PriorityClasses, source._podsByNode, source._podsByOwner, source._podsByOwnerAndTarget, source._usage, source._nodesByLabel, source._nominated)
    {
        ControllerRevisions = revisions;
    }

    private ClusterState(
        SimTime now,
        ImmutableSortedDictionary<string, Node> nodes,
        ImmutableSortedDictionary<string, Pod> pods,
        ImmutableSortedDictionary<string, DaemonSet> daemonSets,
        ImmutableSortedDictionary<string, Namespace> namespaces,
        ImmutableSortedDictionary<string, PriorityClass> priorityClasses,
        ImmutableDictionary<string, ImmutableSortedSet<string>> podsByNode,
        ImmutableDictionary<string, ImmutableSortedSet<string>> podsByOwner,
        ImmutableDictionary<(string Owner, string Target), ImmutableSortedSet<string>> podsByOwnerAndTarget,
        ImmutableDictionary<string, NodeUsage> usage,
        ImmutableDictionary<string, ImmutableSortedSet<string>> nodesByLabel,
        ImmutableDictionary<string, ImmutableSortedSet<string>> nominated)
    {
        Now = now;
        Nodes = nodes;
        Pods = pods;
        DaemonSets = daemonSets;
        Namespaces = namespaces;
        PriorityClasses = priorityClasses;
        _podsByNode = podsByNode;
        _podsByOwner = podsByOwner;
        _podsByOwnerAndTarget = podsByOwnerAndTarget;
        _usage = usage;
        _nodesByLabel = nodesByLabel;
        _nominated = nominated;
    }

    private ClusterState KeepNodeList(ClusterState previous)
    {
        if (ReferenceEquals(Nodes, previous.Nodes))
        {
            _nodeList = previous._nodeList;
        }

        return this;
    }

    /// <summary>An empty cluster at <paramref name="now"/>, with the built-in priority classes and the <c>default</c>, <c>kube-system</c>, <c>kube-public</c> and <c>kube-node-lease</c> namespaces.</summary>
    /// <param name="now">The time.</param>
    /// <returns>The state.</returns>
    public static ClusterState Empty(SimTime now)
    {
        var namespaces = ImmutableSortedDictionary.CreateBuilder<string, Namespace>(StringComparer.Ordinal);
        foreach (var name in new[] { "default", "kube-node-lease", "kube-public", "kube-system" })
        {
            namespaces[name] = new Namespace
            {
                Metadata = new ObjectMeta { Name = name, CreationTimestamp = now, Labels = StringMap.Of("kubernetes.io/metadata.name", name) },
            };
        }

        var classes = ImmutableSortedDictionary.CreateBuilder<string, PriorityClass>(StringComparer.Ordinal);
        foreach (var pc in new[] { PriorityClass.SystemClusterCritical, PriorityClass.SystemNodeCritical })
        {
            classes[pc.Name] = pc with { Metadata = pc.Metadata with { CreationTimestamp = now } };
        }

        var emptyIndex = ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);
        return new ClusterState(
            now,
            ImmutableSortedDictionary.Create<string, Node>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, Pod>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, DaemonSet>(StringComparer.Ordinal),
            namespaces.ToImmutable(),
            classes.ToImmutable(),
            emptyIndex,
            emptyIndex,
            ImmutableDictionary<(string Owner, string Target), ImmutableSortedSet<string>>.Empty,
            ImmutableDictionary.Create<string, NodeUsage>(StringComparer.Ordinal),
            emptyIndex,
            emptyIndex);
    }

    /// <summary>The simulation time of this snapshot.</summary>
    public SimTime Now { get; }

    /// <summary>Nodes by name.</summary>
    public ImmutableSortedDictionary<string, Node> Nodes { get; }

    /// <summary>Pods by <c>namespace/name</c>.</summary>
    public ImmutableSortedDictionary<string, Pod> Pods { get; }

    /// <summary>DaemonSets by <c>namespace/name</c>.</summary>
    public ImmutableSortedDictionary<string, DaemonSet> DaemonSets { get; }

    /// <summary>Namespaces by name.</summary>
    public ImmutableSortedDictionary<string, Namespace> Namespaces { get; }

    /// <summary>Priority classes by name.</summary>
    public ImmutableSortedDictionary<string, PriorityClass> PriorityClasses { get; }

    /// <summary>ControllerRevisions by <c>namespace/name</c>.</summary>
    public ImmutableSortedDictionary<string, ControllerRevision> ControllerRevisions { get; private init; } =
        ImmutableSortedDictionary.Create<string, ControllerRevision>(StringComparer.Ordinal);

    /// <summary>The ControllerRevisions controlled by the owner with the given uid, in key order.</summary>
    /// <param name="ownerUid">The owner's uid.</param>
    /// <returns>The revisions.</returns>
    public IEnumerable<ControllerRevision> RevisionsControlledBy(string ownerUid) =>
        ControllerRevisions.Values.Where(r => r.Metadata.ControllerRef?.Uid == ownerUid);

    /// <summary>The nodes in name order, as a list with positions.</summary>
    internal IReadOnlyList<Node> NodeList => _nodeList ??= [.. Nodes.Values];

    /// <summary>The node called <paramref name="name"/>, or null.</summary>
    /// <param name="name">The node name.</param>
    /// <returns>The node.</returns>
    public Node? GetNode(string name) => Nodes.TryGetValue(name, out var node) ? node : null;

    /// <summary>The pod <paramref name="ns"/>/<paramref name="name"/>, or null.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The pod.</returns>
    public Pod? GetPod(string ns, string name) => Pods.TryGetValue(ns + "/" + name, out var pod) ? pod : null;

    /// <summary>The DaemonSet <paramref name="ns"/>/<paramref name="name"/>, or null.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The DaemonSet.</returns>
    public DaemonSet? GetDaemonSet(string ns, string name) => DaemonSets.TryGetValue(ns + "/" + name, out var ds) ? ds : null;

    /// <summary>Pods bound to the node (any phase), in key order.</summary>
    /// <param name="nodeName">The node name.</param>
    /// <returns>The pods.</returns>
    public IEnumerable<Pod> PodsOnNode(string nodeName) => Resolve(_podsByNode, nodeName);

    /// <summary>Pods whose controller has the given uid, in key order.</summary>
    /// <param name="ownerUid">The controller's uid.</param>
    /// <returns>The pods.</returns>
    public IEnumerable<Pod> PodsControlledBy(string ownerUid) => Resolve(_podsByOwner, ownerUid);

    /// <summary>
    /// Pods whose controller has the given uid and whose target node (<c>spec.nodeName</c>, else the node pinned by a
    /// <c>metadata.name</c> field requirement) is <paramref name="nodeName"/>, in key order.
    /// </summary>
    /// <param name="ownerUid">The controller's uid.</param>
    /// <param name="nodeName">The target node.</param>
    /// <returns>The pods.</returns>
    public IEnumerable<Pod> PodsControlledByOnNode(string ownerUid, string nodeName) => Resolve(_podsByOwnerAndTarget, (ownerUid, nodeName));

    /// <summary>The keys behind <see cref="PodsControlledByOnNode"/>, for hot paths that must not allocate an enumerator.</summary>
    internal ImmutableSortedSet<string> PodKeysControlledByOnNode(string ownerUid, string nodeName) =>
        _podsByOwnerAndTarget.TryGetValue((ownerUid, nodeName), out var keys) ? keys : NoKeys;

    /// <summary>Whether preemption has nominated any unbound pod to a node (the scheduler skips the per-node lookup when not).</summary>
    internal bool HasNominatedPods => !_nominated.IsEmpty;

    /// <summary>Unbound pods that preemption nominated to run on the node (<c>status.nominatedNodeName</c>), in key order.</summary>
    /// <param name="nodeName">The node name.</param>
    /// <returns>The pods.</returns>
    public IEnumerable<Pod> PodsNominatedTo(string nodeName) => Resolve(_nominated, nodeName);

    /// <summary>What the pods bound to the node use.</summary>
    /// <param name="nodeName">The node name.</param>
    /// <returns>The usage.</returns>
    public NodeUsage UsageOf(string nodeName) => _usage.TryGetValue(nodeName, out var usage) ? usage : NodeUsage.Empty;

    /// <summary>The number of pods bound to the node.</summary>
    /// <param name="nodeName">The node name.</param>
    /// <returns>The count (terminal pods included).</returns>
    public int BoundPodCount(string nodeName) => _podsByNode.TryGetValue(nodeName, out var keys) ? keys.Count : 0;

    private IEnumerable<Pod> Resolve<TBucket>(ImmutableDictionary<TBucket, ImmutableSortedSet<string>> index, TBucket key)
        where TBucket : notnull =>
        index.TryGetValue(key, out var keys) ? keys.Select(podKey => Pods[podKey]) : [];

    internal ClusterState WithNow(SimTime now) => now == Now ? this : With(now: now);

    /// <summary>Names of the nodes whose label <paramref name="key"/> has the value <paramref name="value"/>, in ordinal order.</summary>
    /// <param name="key">The label key.</param>
    /// <param name="value">The label value.</param>
    /// <returns>The node names.</returns>
    public IReadOnlyCollection<string> NodesWithLabel(string key, string value) =>
        _nodesByLabel.TryGetValue(key + "=" + value, out var names) ? names : NoKeys;

    internal ClusterState WithNode(Node node)
    {
        var index = _nodesByLabel;
        if (Nodes.TryGetValue(node.Name, out var old))
        {
            if (old.Labels != node.Labels)
            {
                index = UnindexLabels(index, old);
                index = IndexLabels(index, node);
            }
        }
        else
        {
            index = IndexLabels(index, node);
        }

        return With(nodes: Nodes.SetItem(node.Name, node), nodesByLabel: index);
    }

    internal ClusterState WithoutNode(string name) =>
        Nodes.TryGetValue(name, out var old) ? With(nodes: Nodes.Remove(name), nodesByLabel: UnindexLabels(_nodesByLabel, old)) : this;

    private static ImmutableDictionary<string, ImmutableSortedSet<string>> IndexLabels(ImmutableDictionary<string, ImmutableSortedSet<string>> index, Node node)
    {
        foreach (var (key, value) in node.Labels)
        {
            index = AddKey(index, key + "=" + value, node.Name);
        }

        return index;
    }

    private static ImmutableDictionary<string, ImmutableSortedSet<string>> UnindexLabels(ImmutableDictionary<string, ImmutableSortedSet<string>> index, Node node)
    {
        foreach (var (key, value) in node.Labels)
        {
            index = RemoveKey(index, key + "=" + value, node.Name);
        }

        return index;
    }

    internal ClusterState WithDaemonSet(DaemonSet ds) => With(daemonSets: DaemonSets.SetItem(ds.Key, ds));

    internal ClusterState WithoutDaemonSet(string key) => With(daemonSets: DaemonSets.Remove(key));

    internal ClusterState WithNamespace(Namespace ns) => With(namespaces: Namespaces.SetItem(ns.Name, ns));

    internal ClusterState WithoutNamespace(string name) => With(namespaces: Namespaces.Remove(name));

    internal ClusterState WithRevision(ControllerRevision revision) => new ClusterState(this, ControllerRevisions.SetItem(revision.Key, revision)).KeepNodeList(this);

    internal ClusterState WithoutRevision(string key) => new ClusterState(this, ControllerRevisions.Remove(key)).KeepNodeList(this);

    internal ClusterState WithPriorityClass(PriorityClass pc) => With(priorityClasses: PriorityClasses.SetItem(pc.Name, pc));

    internal ClusterState WithoutPriorityClass(string name) => With(priorityClasses: PriorityClasses.Remove(name));

    /// <summary>Adds or replaces a pod, keeping every index in step.</summary>
    internal ClusterState WithPod(Pod pod)
    {
        var key = pod.Key;
        Pods.TryGetValue(key, out var old);
        var byNode = _podsByNode;
        var byOwner = _podsByOwner;
        var byOwnerTarget = _podsByOwnerAndTarget;
        var usage = _usage;
        var nominated = RemoveKey(_nominated, old is null ? null : NominatedNode(old), key);
        nominated = AddKey(nominated, NominatedNode(pod), key);

        if (old is not null)
        {
            if (old.Spec.NodeName != pod.Spec.NodeName)
            {
                byNode = RemoveKey(byNode, old.Spec.NodeName, key);
                byNode = AddKey(byNode, pod.Spec.NodeName, key);
            }

            var oldOwner = old.Metadata.ControllerRef?.Uid;
            var newOwner = pod.Metadata.ControllerRef?.Uid;
            var oldTarget = PodPlacement.TargetNodeName(old);
            var newTarget = PodPlacement.TargetNodeName(pod);
            if (oldOwner != newOwner)
            {
                byOwner = RemoveKey(byOwner, oldOwner, key);
                byOwner = AddKey(byOwner, newOwner, key);
            }

            if (oldOwner != newOwner || oldTarget != newTarget)
            {
                byOwnerTarget = RemoveKey(byOwnerTarget, OwnerTargetKey(oldOwner, oldTarget), key);
                byOwnerTarget = AddKey(byOwnerTarget, OwnerTargetKey(newOwner, newTarget), key);
            }

            var oldCounts = NodeUsage.Counts(old);
            var newCounts = NodeUsage.Counts(pod);
            if (oldCounts && (!newCounts || old.Spec.NodeName != pod.Spec.NodeName))
            {
                usage = usage.SetItem(old.Spec.NodeName, UsageIn(usage, old.Spec.NodeName).Remove(old));
            }

            if (newCounts && (!oldCounts || old.Spec.NodeName != pod.Spec.NodeName))
            {
                usage = usage.SetItem(pod.Spec.NodeName, UsageIn(usage, pod.Spec.NodeName).Add(pod));
            }
        }
        else
        {
            byNode = AddKey(byNode, pod.Spec.NodeName, key);
            var owner = pod.Metadata.ControllerRef?.Uid;
            byOwner = AddKey(byOwner, owner, key);
            byOwnerTarget = AddKey(byOwnerTarget, OwnerTargetKey(owner, PodPlacement.TargetNodeName(pod)), key);
            if (NodeUsage.Counts(pod))
            {
                usage = usage.SetItem(pod.Spec.NodeName, UsageIn(usage, pod.Spec.NodeName).Add(pod));
            }
        }

        return new ClusterState(Now, Nodes, Pods.SetItem(key, pod), DaemonSets, Namespaces, PriorityClasses, byNode, byOwner, byOwnerTarget, usage, _nodesByLabel, nominated)
        {
            ControllerRevisions = ControllerRevisions,
        }.KeepNodeList(this);
    }

    /// <summary>Removes a pod, keeping every index in step.</summary>
    internal ClusterState WithoutPod(string key)
    {
        if (!Pods.TryGetValue(key, out var old))
        {
            return this;
        }

        var owner = old.Metadata.ControllerRef?.Uid;
        var usage = _usage;
        if (NodeUsage.Counts(old))
        {
            usage = usage.SetItem(old.Spec.NodeName, UsageIn(usage, old.Spec.NodeName).Remove(old));
        }

        return new ClusterState(
            Now,
            Nodes,
            Pods.Remove(key),
            DaemonSets,
            Namespaces,
            PriorityClasses,
            RemoveKey(_podsByNode, old.Spec.NodeName, key),
            RemoveKey(_podsByOwner, owner, key),
            RemoveKey(_podsByOwnerAndTarget, OwnerTargetKey(owner, PodPlacement.TargetNodeName(old)), key),
            usage,
            _nodesByLabel,
            RemoveKey(_nominated, NominatedNode(old), key))
        {
            ControllerRevisions = ControllerRevisions,
        }.KeepNodeList(this);
    }

    private static string? NominatedNode(Pod pod) =>
        !pod.IsBound && pod.Status.NominatedNodeName.Length != 0 ? pod.Status.NominatedNodeName : null;

    private static NodeUsage UsageIn(ImmutableDictionary<string, NodeUsage> usage, string node) =>
        usage.TryGetValue(node, out var u) ? u : NodeUsage.Empty;

    private static (string Owner, string Target)? OwnerTargetKey(string? owner, string? target) =>
        owner is null || target is null ? null : (owner, target);

    private static ImmutableDictionary<string, ImmutableSortedSet<string>> AddKey(ImmutableDictionary<string, ImmutableSortedSet<string>> index, string? bucket, string key) =>
        string.IsNullOrEmpty(bucket) ? index : Add(index, bucket, key);

    private static ImmutableDictionary<string, ImmutableSortedSet<string>> RemoveKey(ImmutableDictionary<string, ImmutableSortedSet<string>> index, string? bucket, string key) =>
        string.IsNullOrEmpty(bucket) ? index : Remove(index, bucket, key);

    private static ImmutableDictionary<(string Owner, string Target), ImmutableSortedSet<string>> AddKey(ImmutableDictionary<(string Owner, string Target), ImmutableSortedSet<string>> index, (string Owner, string Target)? bucket, string key) =>
        bucket is { } pair ? Add(index, pair, key) : index;

    private static ImmutableDictionary<(string Owner, string Target), ImmutableSortedSet<string>> RemoveKey(ImmutableDictionary<(string Owner, string Target), ImmutableSortedSet<string>> index, (string Owner, string Target)? bucket, string key) =>
        bucket is { } pair ? Remove(index, pair, key) : index;

    private static ImmutableDictionary<TBucket, ImmutableSortedSet<string>> Add<TBucket>(ImmutableDictionary<TBucket, ImmutableSortedSet<string>> index, TBucket bucket, string key)
        where TBucket : notnull
    {
        var set = index.TryGetValue(bucket, out var existing) ? existing : NoKeys;
        return index.SetItem(bucket, set.Add(key));
    }

    private static ImmutableDictionary<TBucket, ImmutableSortedSet<string>> Remove<TBucket>(ImmutableDictionary<TBucket, ImmutableSortedSet<string>> index, TBucket bucket, string key)
        where TBucket : notnull
    {
        if (!index.TryGetValue(bucket, out var set))
        {
            return index;
        }

        set = set.Remove(key);
        return set.IsEmpty ? index.Remove(bucket) : index.SetItem(bucket, set);
    }

    private ClusterState With(
        SimTime? now = null,
        ImmutableSortedDictionary<string, Node>? nodes = null,
        ImmutableSortedDictionary<string, DaemonSet>? daemonSets = null,
        ImmutableSortedDictionary<string, Namespace>? namespaces = null,
        ImmutableSortedDictionary<string, PriorityClass>? priorityClasses = null,
        ImmutableDictionary<string, ImmutableSortedSet<string>>? nodesByLabel = null) =>
        new ClusterState(now ?? Now, nodes ?? Nodes, Pods, daemonSets ?? DaemonSets, namespaces ?? Namespaces, priorityClasses ?? PriorityClasses, _podsByNode, _podsByOwner, _podsByOwnerAndTarget, _usage, nodesByLabel ?? _nodesByLabel, _nominated)
        {
            ControllerRevisions = ControllerRevisions,
        }.KeepNodeList(this);
}
