using Simulator.Controllers;
using Simulator.Model;
using Simulator.Tests.Properties;

namespace Simulator.Benchmarks.Workloads;

/// <summary>
/// B8: the (node, DaemonSet) eligibility check alone, over every pair of a cluster. The naive reference is the property tests'
/// oracle, <see cref="ReferenceModel.Verdict"/>, a plain restatement of the spec.
/// </summary>
internal sealed class ShouldRun(int nodes, int daemonSets)
{
    private Node[] _nodes = [];
    private DaemonSetPlan[] _plans = [];
    private DaemonSet[] _daemonSets = [];

    public long Pairs => (long)_nodes.Length * _plans.Length;

    public void Setup()
    {
        _nodes = [.. Enumerable.Range(0, nodes).Select(ClusterFactory.Node)];
        _daemonSets = [.. Enumerable.Range(0, daemonSets).Select(ClusterFactory.DaemonSet)];
        _plans = [.. _daemonSets.Select(ds => new DaemonSetPlan(ds))];
    }

    /// <summary>Every pair through the controller's predicate; returns how many should run.</summary>
    public int Run()
    {
        var count = 0;
        foreach (var plan in _plans)
        {
            foreach (var node in _nodes)
            {
                count += plan.Evaluate(node).ShouldRun ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Every pair through the oracle; returns how many should run.</summary>
    public int RunNaive()
    {
        var count = 0;
        foreach (var ds in _daemonSets)
        {
            foreach (var node in _nodes)
            {
                count += ReferenceModel.Verdict(node, ds).ShouldRun ? 1 : 0;
            }
        }

        return count;
    }
}
