using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Controllers;

/// <summary>
/// The taint eviction controller: a pod bound to a node with NoExecute taints it does not tolerate is deleted at once; one that
/// tolerates them all for a limited <c>tolerationSeconds</c> is deleted when the shortest of those runs out.
/// </summary>
internal sealed class TaintEvictionController
{
    private readonly Simulation _sim;
    private readonly SortedSet<string> _dirtyNodes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _dirtyPods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Uid, SimTime CreatedAt, SimTime Trigger)> _scheduled = new(StringComparer.Ordinal);

    public TaintEvictionController(Simulation sim) => _sim = sim;

    public void OnNodeChanged(Node? old, Node? current)
    {
        if (current is null)
        {
            return;
        }

        if (old is null || NoExecute(old.Spec.Taints) != NoExecute(current.Spec.Taints))
        {
            _dirtyNodes.Add(current.Name);
        }
    }

    public void OnPodChanged(Pod? old, Pod? current)
    {
        if (current is null)
        {
            _scheduled.Remove(old!.Key);
            return;
        }

        if (current.IsBound && (old is null || !old.IsBound || old.Spec.Tolerations != current.Spec.Tolerations))
        {
            _dirtyPods.Add(current.Key);
        }
    }

    public bool Process()
    {
        if (_dirtyNodes.Count == 0 && _dirtyPods.Count == 0)
        {
            return false;
        }

        var pods = new SortedSet<string>(_dirtyPods, StringComparer.Ordinal);
        _dirtyPods.Clear();
        foreach (var node in _dirtyNodes)
        {
            foreach (var pod in _sim.State.PodsOnNode(node))
            {
                pods.Add(pod.Key);
            }
        }

        _dirtyNodes.Clear();
        foreach (var key in pods)
        {
            if (_sim.State.Pods.TryGetValue(key, out var pod))
            {
                Evaluate(pod);
            }
        }

        return true;
    }

    public void Fire(string key, string uid, SimTime trigger)
    {
        if (_scheduled.TryGetValue(key, out var entry) && entry.Uid == uid && entry.Trigger == trigger && _sim.State.Pods.TryGetValue(key, out var pod))
        {
            _scheduled.Remove(key);
            _sim.EvictForTaint(pod);
        }
    }

    private void Evaluate(Pod pod)
    {
        var node = _sim.State.GetNode(pod.Spec.NodeName);
        if (node is null || pod.IsTerminating || pod.IsTerminal)
        {
            _scheduled.Remove(pod.Key);
            return;
        }

        var taints = NoExecute(node.Spec.Taints);
        if (taints.Count == 0)
        {
            _scheduled.Remove(pod.Key);
            return;
        }

        var used = new List<Toleration>();
        foreach (var taint in taints)
        {
            var match = pod.Spec.Tolerations.FirstOrDefault(t => t.Tolerates(taint));
            if (match is null)
            {
                _scheduled.Remove(pod.Key);
                _sim.EvictForTaint(pod);
                return;
            }

            used.Add(match);
        }

        long? minimum = null;
        foreach (var toleration in used)
        {
            if (toleration.TolerationSeconds is { } seconds)
            {
                minimum = Math.Min(minimum ?? long.MaxValue, Math.Max(0, seconds));
            }
        }

        if (minimum is null)
        {
            // Tolerated forever now: any eviction scheduled earlier is cancelled.
            _scheduled.Remove(pod.Key);
            return;
        }

        var createdAt = _sim.Now;
        if (_scheduled.TryGetValue(pod.Key, out var existing) && existing.Uid == pod.Metadata.Uid)
        {
            createdAt = existing.CreatedAt;
            if (existing.Trigger <= createdAt + SimTime.Seconds(minimum.Value))
            {
                return;
            }
        }

        var trigger = createdAt + SimTime.Seconds(minimum.Value);
        var key = pod.Key;
        var uid = pod.Metadata.Uid;
        _scheduled[key] = (uid, createdAt, trigger);
        _sim.At(trigger, sim => sim.TaintEvictionDue(key, uid, trigger));
    }

    private static EquatableArray<Taint> NoExecute(EquatableArray<Taint> taints)
    {
        // Most nodes have no NoExecute taint, and every pod on them is looked at: answer those without allocating.
        foreach (var taint in taints)
        {
            if (taint.Effect == TaintEffect.NoExecute)
            {
                return taints.Where(t => t.Effect == TaintEffect.NoExecute).Select(t => t with { TimeAdded = null }).ToEquatableArray();
            }
        }

        return default;
    }
}
