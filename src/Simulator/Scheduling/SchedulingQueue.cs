using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Scheduling;

/// <summary>
/// kube-scheduler's queue as the simulation runs it: pending pods are tried in priority order (higher first, then first queued);
/// a pod that fits nowhere waits among the unschedulable pods until a change to a node it could use (its pinned node, or any node
/// when it is not pinned) or the departure of a pod there moves it back.
/// </summary>
/// <remarks>Kubernetes' retry back-off (1 s to 10 s) and periodic flush of unschedulable pods are not modelled: a retry happens at the change.</remarks>
internal sealed class SchedulingQueue
{
    private readonly Simulation _sim;
    private readonly SortedSet<Entry> _active = new(EntryOrder.Instance);
    private readonly Dictionary<string, Entry> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _unschedulable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _waitingOnNode = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _waitingOnAny = new(StringComparer.Ordinal);
    private long _arrivals;

    // kube-scheduler's nextStartNodeIndex: each attempt's search starts where the last one stopped, so that with
    // percentageOfNodesToScore every node gets its turn to be examined.
    private int _nextStartNodeIndex;

    public SchedulingQueue(Simulation sim) => _sim = sim;

    public void OnPodChanged(Pod? old, Pod? current)
    {
        if (current is not null && !current.IsBound && !current.IsTerminating && !current.IsTerminal && current.Spec.SchedulerName == _sim.Options.SchedulerProfile.Name)
        {
            if (!_queued.ContainsKey(current.Key) && !_unschedulable.ContainsKey(current.Key))
            {
                var entry = new Entry(current.Key, current.EffectivePriority, _arrivals++, PodPlacement.PinnedNodeName(current.Spec));
                _queued[entry.Key] = entry;
                _active.Add(entry);
            }
        }
        else if (old is not null)
        {
            Forget(old.Key);
        }

        // A pod leaving a node (deleted, finished, moved) frees room there; so does a nomination that goes away.
        if (old is not null && NodeUsage.Counts(old) && (current is null || !NodeUsage.Counts(current) || current.Spec.NodeName != old.Spec.NodeName))
        {
            Wake(old.Spec.NodeName);
        }

        if (old is not null && !old.IsBound && old.Status.NominatedNodeName.Length != 0 &&
            (current is null || current.IsBound || current.Status.NominatedNodeName != old.Status.NominatedNodeName))
        {
            Wake(old.Status.NominatedNodeName);
        }
    }

    public void OnNodeChanged(string nodeName) => Wake(nodeName);

    public bool Process()
    {
        if (_active.Count == 0)
        {
            return false;
        }

        var batch = new List<Entry>(_active);
        _active.Clear();
        foreach (var entry in batch)
        {
            _queued.Remove(entry.Key);
            var pod = _sim.State.Pods.GetValueOrDefault(entry.Key);
            if (pod is null || pod.IsBound || pod.IsTerminating)
            {
                continue;
            }

            var decision = Scheduler.Schedule(_sim.State, pod, _sim.Options.SchedulerProfile, _nextStartNodeIndex);
            var nodeCount = _sim.State.Nodes.Count;
            if (nodeCount > 0)
            {
                _nextStartNodeIndex = (int)(((long)_nextStartNodeIndex + decision.ProcessedNodes) % nodeCount);
            }

            if (decision.IsScheduled)
            {
                _sim.Bind(pod, decision.NodeName!);
                continue;
            }

            _unschedulable[entry.Key] = entry;
            if (entry.PinnedNode is { } pinned)
            {
                if (!_waitingOnNode.TryGetValue(pinned, out var set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    _waitingOnNode[pinned] = set;
                }

                set.Add(entry.Key);
            }
            else
            {
                _waitingOnAny.Add(entry.Key);
            }

            _sim.MarkUnschedulable(pod, decision);
        }

        return true;
    }

    private void Wake(string nodeName)
    {
        if (_waitingOnNode.Remove(nodeName, out var pinned))
        {
            foreach (var key in pinned)
            {
                Reactivate(key);
            }
        }

        if (_waitingOnAny.Count > 0)
        {
            foreach (var key in _waitingOnAny)
            {
                Reactivate(key);
            }

            _waitingOnAny.Clear();
        }
    }

    private void Reactivate(string key)
    {
        if (_unschedulable.Remove(key, out var entry))
        {
            _queued[key] = entry;
            _active.Add(entry);
        }
    }

    private void Forget(string key)
    {
        if (_queued.Remove(key, out var entry))
        {
            _active.Remove(entry);
        }

        if (_unschedulable.Remove(key, out entry))
        {
            if (entry.PinnedNode is { } pinned && _waitingOnNode.TryGetValue(pinned, out var set))
            {
                set.Remove(key);
                if (set.Count == 0)
                {
                    _waitingOnNode.Remove(pinned);
                }
            }
            else
            {
                _waitingOnAny.Remove(key);
            }
        }
    }

    private sealed record Entry(string Key, int Priority, long Arrival, string? PinnedNode);

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            var byPriority = y!.Priority.CompareTo(x!.Priority);
            return byPriority != 0 ? byPriority : x.Arrival.CompareTo(y.Arrival);
        }
    }
}
