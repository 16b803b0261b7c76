using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Benchmarks.Workloads;

/// <summary>
/// B2 and B3: node events on a settled cluster. Each round adds one node, relabels one and taints one (B2), or flips a label on
/// and taints a given share of the nodes (B3), and simulates until settled. The naive reference does what upstream Kubernetes
/// does for each node event: a full sync of every DaemonSet over every node.
/// </summary>
internal sealed class NodeEvents
{
    private readonly int _daemonSets;
    private int _nodes;
    private Simulation _sim = null!;
    private int _next;
    private int _round;

    /// <summary>Events on a cluster of <paramref name="nodes"/> × <paramref name="daemonSets"/> that <see cref="Setup"/> builds.</summary>
    public NodeEvents(int nodes, int daemonSets)
    {
        _nodes = nodes;
        _daemonSets = daemonSets;
    }

    /// <summary>Events on a cluster already built and settled by <see cref="ClusterFactory"/> (nodes named by index).</summary>
    public NodeEvents(Simulation settled)
    {
        _sim = settled;
        _nodes = settled.State.Nodes.Count;
        _next = _nodes;
    }

    public Simulation Simulation => _sim;

    public void Setup()
    {
        _sim = ClusterFactory.Settled(_nodes, _daemonSets);
        _next = _nodes;
    }

    /// <summary>B2: one node added, one relabelled, one tainted, each simulated until settled. Returns the events applied (3).</summary>
    public int AddRelabelTaint()
    {
        _round++;
        _sim.CreateNode(ClusterFactory.Node(_next++));
        Settle();
        var relabelled = ClusterFactory.NodeName(_round * 7 % _nodes);
        _sim.LabelNode(relabelled, "tier", _sim.State.Nodes[relabelled].Labels.GetValueOrDefault("tier") == "a" ? "b" : "a");
        Settle();
        _sim.TaintNode(ClusterFactory.NodeName(_round * 13 % _nodes), new Taint("bench/round", _round.ToString(System.Globalization.CultureInfo.InvariantCulture), TaintEffect.NoSchedule));
        Settle();
        return 3;
    }

    /// <summary>B3: flips the tier label on half of <paramref name="touched"/> nodes and toggles a taint on the other half, then settles.</summary>
    public int Flip(int touched)
    {
        _round++;
        var stride = Math.Max(1, _nodes / touched);
        for (var k = 0; k < touched; k++)
        {
            var name = ClusterFactory.NodeName((k * stride + _round) % _nodes);
            var node = _sim.State.Nodes[name];
            if (k % 2 == 0)
            {
                _sim.LabelNode(name, "tier", node.Labels.GetValueOrDefault("tier") == "a" ? "b" : "a");
            }
            else if (node.Spec.Taints.Any(t => t.Key == "bench/flip"))
            {
                _sim.RemoveTaint(name, "bench/flip");
            }
            else
            {
                _sim.TaintNode(name, new Taint("bench/flip", "x", TaintEffect.NoExecute));
            }
        }

        Settle();
        return touched;
    }

    /// <summary>The naive reference for <paramref name="events"/> node events: a full sync of every DaemonSet per event.</summary>
    public long NaiveFullSyncs(int events)
    {
        long actions = 0;
        var state = _sim.State;
        for (var e = 0; e < events; e++)
        {
            foreach (var ds in state.DaemonSets.Values)
            {
                actions += DaemonSetReconciler.Reconcile(state, ds, state.Now).Actions.Length;
            }
        }

        return actions;
    }

    private void Settle()
    {
        if (!_sim.RunUntilSettled().Settled)
        {
            throw new InvalidOperationException("A node event did not settle.");
        }
    }
}
