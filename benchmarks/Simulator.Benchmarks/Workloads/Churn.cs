using System.Globalization;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Benchmarks.Workloads;

/// <summary>
/// B5: a settled cluster under churn at a fixed rate for a span of virtual time. Each event is drawn from a seeded generator:
/// a label flip (30%), a taint added or removed (20%), a cordon or uncordon (10%), a node added (10%) or deleted (10%), or a
/// daemon pod deleted (20%, and replaced by its controller). The cluster is settled at the end.
/// </summary>
internal sealed class Churn(int nodes, int daemonSets, bool naive, int seed = 7)
{
    private Simulation _sim = null!;
    private List<string> _live = null!;
    private int _next;

    public Simulation Simulation => _sim;

    public void Setup()
    {
        _sim = ClusterFactory.Settled(nodes, daemonSets, naive);
        _live = [.. _sim.State.Nodes.Keys];
        _next = nodes;
    }

    /// <summary>Runs <paramref name="eventsPerSecond"/> × <paramref name="duration"/> events, then settles; returns the events applied.</summary>
    public int Run(int eventsPerSecond, TimeSpan duration)
    {
        var random = new Random(seed);
        var start = _sim.Now;
        var count = (int)(duration.TotalSeconds * eventsPerSecond);
        var interval = TimeSpan.FromMilliseconds(1000.0 / eventsPerSecond);
        for (var i = 0; i < count; i++)
        {
            _sim.RunUntil(start + (interval * i));
            Apply(random);
        }

        if (!_sim.RunUntilSettled().Settled)
        {
            throw new InvalidOperationException("The churn did not settle.");
        }

        return count;
    }

    private void Apply(Random random)
    {
        var roll = random.Next(100);
        var name = _live[random.Next(_live.Count)];
        var node = _sim.State.Nodes[name];
        switch (roll)
        {
            case < 30:
                _sim.LabelNode(name, "tier", node.Labels.GetValueOrDefault("tier") == "a" ? "b" : "a");
                break;
            case < 50:
                if (node.Spec.Taints.Any(t => t.Key == "churn"))
                {
                    _sim.RemoveTaint(name, "churn");
                }
                else
                {
                    _sim.TaintNode(name, new Taint("churn", "x", random.Next(2) == 0 ? TaintEffect.NoSchedule : TaintEffect.NoExecute));
                }

                break;
            case < 60:
                if (node.Spec.Unschedulable)
                {
                    _sim.Uncordon(name);
                }
                else
                {
                    _sim.Cordon(name);
                }

                break;
            case < 70:
                var added = ClusterFactory.Node(_next++);
                _sim.CreateNode(added);
                _live.Add(added.Name);
                break;
            case < 80:
                if (_live.Count > 1)
                {
                    _sim.DeleteNode(name);
                    _live.Remove(name);
                }

                break;
            default:
                var pod = _sim.State.PodsOnNode(name).FirstOrDefault(p => p.Metadata.DeletionTimestamp is null && p.Metadata.ControllerRef is not null);
                if (pod is not null)
                {
                    _sim.DeletePod(pod.Namespace, pod.Name);
                }

                break;
        }
    }

    /// <summary>The event log as text, for the determinism check (B10).</summary>
    public string EventLog() => string.Join('\n', _sim.Events.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Sequence} {e.FirstTimestamp} {e}")));
}
