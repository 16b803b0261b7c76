using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/priority-and-preemption.md.</summary>
public class PriorityPage
{
    [Fact]
    public void ADaemonPodPreemptsOnItsOwnNode()
    {
        // begin-snippet: priority-preempt
        var sim = new Simulation();
        sim.CreateNode(new Node
        {
            Metadata = ObjectMeta.Named("worker-1"),
            Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "1", "memory", "4Gi", "pods", "110") },
        });
        sim.CreatePods("default", "batch-", 2, new PodTemplateSpec              // two priority-0 pods fill the node's CPU
        {
            Metadata = new ObjectMeta { Labels = StringMap.Of("app", "batch") },
            Spec = new PodSpec
            {
                Containers = EquatableArray.Create(new Container
                {
                    Name = "work",
                    Image = "busybox:1.36",
                    Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "500m") },
                }),
            },
        });
        sim.RunUntilSettled();

        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd().WithPodSpec(spec => spec with { PriorityClassName = "system-node-critical" }));
        sim.RunUntilSettled();

        var preempted = sim.Events.Single(e => e.Reason == "Preempted");
        // preempted.InvolvedObject.Name == "batch-1" or "batch-2", preempted.Message == "Preempted by pod <uid> on node worker-1"
        var agent = sim.State.Pods.Values.Single(p => p.Metadata.Labels.GetValueOrDefault("name") == "fluentd");
        // agent.Spec.Priority == 2000001000, agent.Status.Phase == "Running" (after the victim's 30 s grace period)
        // end-snippet

        preempted.Message.ShouldBe($"Preempted by pod {agent.Metadata.Uid} on node worker-1");
        preempted.InvolvedObject.Name.ShouldStartWith("batch-");
        agent.Spec.Priority.ShouldBe(2_000_001_000);
        agent.Status.Phase.ShouldBe(PodPhase.Running);
        sim.State.Pods.Values.Count(p => p.Metadata.Labels.GetValueOrDefault("app") == "batch").ShouldBe(1);
    }

    [Fact]
    public void PriorityClassesAreResolvedAtAdmission()
    {
        // begin-snippet: priority-classes
        var sim = new Simulation();
        Examples.AddWorkers(sim, 2);
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("logging-critical"), Value = 100_000 });
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd().WithPodSpec(spec => spec with { PriorityClassName = "logging-critial" }));   // a typo
        sim.RunUntilSettled(TimeSpan.FromMinutes(1));

        var failed = sim.Events.First(e => e.Reason == "FailedCreate").Message;
        // Error creating: pods "fluentd-..." is forbidden: no PriorityClass with name logging-critial was found

        sim.UpdateDaemonSet("logging", "fluentd", ds => ds.WithPodSpec(spec => spec with { PriorityClassName = "logging-critical" }));
        sim.RunUntilSettled();
        var priorities = sim.State.Pods.Values.Select(p => p.Spec.Priority).Distinct();   // 100000
        // end-snippet

        failed.ShouldContain("is forbidden: no PriorityClass with name logging-critial was found");
        priorities.ShouldBe([100_000]);
        sim.State.Pods.Count.ShouldBe(2);
    }
}
