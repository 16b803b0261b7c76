using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Plotting.Tests;

public class PlacementMatrixTests
{
    private const string Fluentd = "logging/fluentd";

    [Fact]
    public void From_SettledFiveNodes_TaintedNodeNotEligibleCordonedNodeRunning()
    {
        var sim = Scenarios.FiveNodes();

        var matrix = PlacementMatrix.From(sim.State);

        matrix.Nodes.ShouldBe(["w-1", "w-2", "w-3", "w-4", "w-5"]);
        matrix.DaemonSets.ShouldBe([Fluentd]);
        matrix.Get("w-1", Fluentd).ShouldBe(PlacementState.Running);
        matrix.Get("w-2", Fluentd).ShouldBe(PlacementState.NotEligible);
        matrix.Get("w-3", Fluentd).ShouldBe(PlacementState.Running);
        matrix.Get("w-4", Fluentd).ShouldBe(PlacementState.Running);
        matrix.Get("w-5", Fluentd).ShouldBe(PlacementState.Running);
        matrix.Count(PlacementState.Running).ShouldBe(sim.State.GetDaemonSet("logging", "fluentd")!.Status.NumberReady);
        matrix[1, 0].ShouldBe(PlacementState.NotEligible);
    }

    [Fact]
    public void From_BeforeTheControllerRuns_EligibleNodesAreMissing()
    {
        var sim = new Simulation();
        for (var i = 1; i <= 3; i++)
        {
            sim.CreateNode(Scenarios.Worker($"w-{i}"));
        }

        sim.TaintNode("w-2", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Scenarios.Fluentd());

        var matrix = PlacementMatrix.From(sim.State);

        matrix.Get("w-1", Fluentd).ShouldBe(PlacementState.Missing);
        matrix.Get("w-2", Fluentd).ShouldBe(PlacementState.NotEligible);
        matrix.Get("w-3", Fluentd).ShouldBe(PlacementState.Missing);
    }

    [Fact]
    public void From_PodThatFitsNowhere_IsPending()
    {
        var sim = new Simulation();
        sim.CreateNode(Scenarios.Worker("big"));
        sim.CreateNode(Scenarios.Worker("tiny", cpu: "50m"));
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Scenarios.Fluentd());
        sim.RunUntilSettled();

        var matrix = PlacementMatrix.From(sim.State);

        matrix.Get("big", Fluentd).ShouldBe(PlacementState.Running);
        matrix.Get("tiny", Fluentd).ShouldBe(PlacementState.Pending);
        sim.ExplainPlacement("logging", "fluentd", "tiny").Fits.ShouldBeFalse();
    }

    [Fact]
    public void From_ImageThatNeverPulls_IsNotReady()
    {
        var sim = new Simulation();
        sim.CreateNode(Scenarios.Worker("w-1"));
        sim.CreateNamespace("logging");
        sim.FailImage(Scenarios.Image1);
        sim.CreateDaemonSet(Scenarios.Fluentd());
        sim.RunFor(TimeSpan.FromMinutes(1));

        var matrix = PlacementMatrix.From(sim.State);

        matrix.Get("w-1", Fluentd).ShouldBe(PlacementState.NotReady);
        sim.State.PodsOnNode("w-1").ShouldHaveSingleItem().IsReady.ShouldBeFalse();
    }

    [Fact]
    public void From_NoScheduleTaintAfterThePodStarted_IsMisscheduledAsKubernetesCountsIt()
    {
        var sim = Scenarios.FiveNodes();
        sim.TaintNode("w-4", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.RunUntilSettled();

        var matrix = PlacementMatrix.From(sim.State);

        matrix.Get("w-4", Fluentd).ShouldBe(PlacementState.Misscheduled);
        matrix.Count(PlacementState.Misscheduled, Fluentd).ShouldBe(sim.State.GetDaemonSet("logging", "fluentd")!.Status.NumberMisscheduled);
        matrix.Count(PlacementState.Misscheduled).ShouldBe(1);
    }

    [Fact]
    public void From_DuringARollout_ReplacedPodIsTerminating()
    {
        var sim = Scenarios.FiveNodes();
        sim.SetImage("logging", "fluentd", "fluentd", Scenarios.Image2);
        sim.RunFor(TimeSpan.FromSeconds(5));

        var matrix = PlacementMatrix.From(sim.State);

        // maxUnavailable 1: exactly one node's old pod is being replaced (terminating, 30 s grace), the others still run.
        matrix.Count(PlacementState.Terminating).ShouldBe(1);
        matrix.Count(PlacementState.Running).ShouldBe(3);
        matrix.Get("w-2", Fluentd).ShouldBe(PlacementState.NotEligible);
    }

    [Fact]
    public void From_Ordering_NodesNaturallyDaemonSetsByNamespaceThenName()
    {
        var sim = new Simulation();
        foreach (var name in new[] { "node-10", "node-2", "node-1", "alpha", "node-02b" })
        {
            sim.CreateNode(Scenarios.Worker(name));
        }

        sim.CreateNamespace("a");
        sim.CreateNamespace("a-b");
        sim.CreateDaemonSet(Scenarios.Fluentd(ns: "a-b", name: "x"));
        sim.CreateDaemonSet(Scenarios.Fluentd(ns: "a", name: "z"));
        sim.CreateDaemonSet(Scenarios.Fluentd(ns: "a", name: "y"));

        var matrix = PlacementMatrix.From(sim.State);

        matrix.Nodes.ShouldBe(["alpha", "node-1", "node-2", "node-02b", "node-10"]);
        matrix.DaemonSets.ShouldBe(["a/y", "a/z", "a-b/x"]);
    }

    [Fact]
    public void From_AgreesWithTheControllersVerdictOnEveryCell()
    {
        var sim = Scenarios.FiveNodes();
        sim.LabelNode("w-1", "tier", "web");
        sim.CreateNamespace("monitoring");
        var exporter = Scenarios.Fluentd(ns: "monitoring", name: "exporter");
        sim.CreateDaemonSet(exporter with
        {
            Spec = exporter.Spec with { Template = exporter.Spec.Template with { Spec = exporter.Spec.Template.Spec with { NodeSelector = StringMap.Of("tier", "web") } } },
        });
        sim.RunUntilSettled();

        var matrix = PlacementMatrix.From(sim.State);

        for (var row = 0; row < matrix.Nodes.Count; row++)
        {
            for (var column = 0; column < matrix.DaemonSets.Count; column++)
            {
                var parts = matrix.DaemonSets[column].Split('/');
                var explanation = PlacementExplainer.Explain(sim.State, sim.State.GetDaemonSet(parts[0], parts[1])!, matrix.Nodes[row]);
                var eligible = matrix[row, column] is not (PlacementState.NotEligible or PlacementState.Misscheduled);
                eligible.ShouldBe(explanation.ShouldRun, $"{matrix.Nodes[row]} / {matrix.DaemonSets[column]}");
            }
        }

        matrix.Get("w-1", "monitoring/exporter").ShouldBe(PlacementState.Running);
        matrix.Count(PlacementState.Running, "monitoring/exporter").ShouldBe(1);
    }
}
