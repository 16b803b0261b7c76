using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using Simulator.Validation;

namespace Simulator.Tests.Engine;

public class SimulationApiTests
{
    [Fact]
    public void CreateDaemonSet_Invalid_ThrowsWithApiServerMessageAndChangesNothing()
    {
        var sim = Fixtures.Cluster(2);
        sim.CreateNamespace("logging");
        var before = sim.State;
        var eventsBefore = sim.Events.Count;
        var pendingBefore = sim.PendingEvents;
        var bad = Fixtures.Fluentd() with
        {
            Spec = Fixtures.Fluentd().Spec with { Selector = LabelSelector.ForLabels("name", "other") },
        };

        var error = Should.Throw<ApiException>(() => sim.CreateDaemonSet(bad));

        error.Reason.ShouldBe(StatusReason.Invalid);
        error.Message.ShouldBe("DaemonSet.apps \"fluentd\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"name\":\"fluentd\"}: `selector` does not match template `labels`");
        sim.State.ShouldBeSameAs(before);
        sim.Events.Count.ShouldBe(eventsBefore);
        sim.PendingEvents.ShouldBe(pendingBefore);
    }

    [Fact]
    public void CreatePod_Rejected_LeavesTheRandomSequenceUntouched()
    {
        var a = Fixtures.Cluster(1);
        var b = Fixtures.Cluster(1);
        var invalid = new Pod { Metadata = new ObjectMeta { GenerateName = "web-", Namespace = "default" } };

        Should.Throw<ApiException>(() => a.CreatePod(invalid)).Message.ShouldContain("spec.containers: Required value");
        var podA = a.CreatePod(new Pod { Metadata = new ObjectMeta { GenerateName = "web-", Namespace = "default" }, Spec = new PodSpec { Containers = EquatableArray.Create(Fixtures.Container()) } });
        var podB = b.CreatePod(new Pod { Metadata = new ObjectMeta { GenerateName = "web-", Namespace = "default" }, Spec = new PodSpec { Containers = EquatableArray.Create(Fixtures.Container()) } });

        podA.Name.ShouldBe(podB.Name);
        podA.Metadata.Uid.ShouldBe(podB.Metadata.Uid);
    }

    [Fact]
    public void CreateDaemonSet_MissingNamespace_NotFound()
    {
        var sim = Fixtures.Cluster(1);

        Should.Throw<ApiException>(() => sim.CreateDaemonSet(Fixtures.Fluentd())).Message.ShouldBe("namespaces \"logging\" not found");
    }

    [Fact]
    public void CreateDaemonSet_Twice_AlreadyExists()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());

        Should.Throw<ApiException>(() => sim.CreateDaemonSet(Fixtures.Fluentd())).Message.ShouldBe("daemonsets.apps \"fluentd\" already exists");
    }

    [Fact]
    public void CreateDaemonSet_Stored_DefaultedWithGenerationAndTemplateGeneration()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateNamespace("logging");

        var ds = sim.CreateDaemonSet(Fixtures.Fluentd());

        ds.Metadata.Generation.ShouldBe(1);
        ds.Metadata.Annotations.GetValueOrDefault(DaemonSetLabels.TemplateGenerationAnnotation).ShouldBe("1");
        ds.Spec.UpdateStrategy.Type.ShouldBe(DaemonSetUpdateStrategyType.RollingUpdate);
        ds.Spec.UpdateStrategy.RollingUpdate!.MaxUnavailable.ShouldBe(IntOrString.FromInt(1));
        ds.Spec.UpdateStrategy.RollingUpdate!.MaxSurge.ShouldBe(IntOrString.FromInt(0));
        ds.Spec.RevisionHistoryLimit.ShouldBe(10);
    }

    [Theory]
    [InlineData("a template change bumps generation and template generation", true, 2, "2")]
    [InlineData("a change outside the template bumps generation only", false, 2, "1")]
    public void UpdateDaemonSet_Change_BumpsGenerationsAsTheRegistryDoes(string description, bool templateChange, long generation, string templateGeneration)
    {
        _ = description;
        var sim = Fixtures.Cluster(1);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());

        var updated = sim.UpdateDaemonSet("logging", "fluentd", ds => templateChange
            ? ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Metadata = ds.Spec.Template.Metadata with { Annotations = StringMap.Of("x", "y") } } } }
            : ds with { Spec = ds.Spec with { MinReadySeconds = 5 } });

        updated.Metadata.Generation.ShouldBe(generation);
        updated.Metadata.Annotations.GetValueOrDefault(DaemonSetLabels.TemplateGenerationAnnotation).ShouldBe(templateGeneration);
    }

    [Fact]
    public void UpdateDaemonSet_MetadataOnly_GenerationUnchanged()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());

        var updated = sim.UpdateDaemonSet("logging", "fluentd", ds => ds with { Metadata = ds.Metadata with { Labels = ds.Metadata.Labels.With("team", "obs") } });

        updated.Metadata.Generation.ShouldBe(1);
    }

    [Fact]
    public void UpdateDaemonSet_SelectorChanged_FieldIsImmutable()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());

        var error = Should.Throw<ApiException>(() => sim.UpdateDaemonSet("logging", "fluentd", ds => ds with
        {
            Spec = ds.Spec with
            {
                Selector = LabelSelector.ForLabels("name", "fluentd", "tier", "x"),
                Template = ds.Spec.Template with { Metadata = ds.Spec.Template.Metadata with { Labels = StringMap.Of("name", "fluentd", "tier", "x") } },
            },
        }));

        error.Message.ShouldContain("spec.selector: Invalid value: ");
        error.Message.ShouldContain("field is immutable");
    }

    [Fact]
    public void UpdatePod_LabelsNoLongerMatch_ReleasedAndReplaced()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());
        sim.RunUntilSettled();
        var pod = sim.State.Pods.Values.Single();

        sim.UpdatePod(pod.Namespace, pod.Name, p => p with { Metadata = p.Metadata with { Labels = StringMap.Of("name", "debugging") } });
        sim.RunUntilSettled();

        var released = sim.State.Pods[pod.Key];
        released.Metadata.OwnerReferences.ShouldBeEmpty();
        released.Status.Phase.ShouldBe(PodPhase.Running);
        sim.State.Pods.Count.ShouldBe(2);
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.CurrentNumberScheduled.ShouldBe(1);
    }

    [Fact]
    public void UpdatePod_SpecChangeOtherThanImage_Forbidden()
    {
        var sim = Fixtures.Cluster(1);
        var pod = sim.CreatePod(new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default" }, Spec = new PodSpec { Containers = EquatableArray.Create(Fixtures.Container()) } });

        var error = Should.Throw<ApiException>(() => sim.UpdatePod(pod with { Spec = pod.Spec with { HostNetwork = true } }));

        error.Message.ShouldStartWith("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`");
    }

    [Fact]
    public void DeleteNamespace_WithDaemonSet_EverythingInItGoes()
    {
        var sim = Fixtures.Cluster(2);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());
        sim.RunUntilSettled();

        sim.DeleteNamespace("logging");
        sim.RunUntilSettled();

        sim.State.Namespaces.ContainsKey("logging").ShouldBeFalse();
        sim.State.DaemonSets.ShouldBeEmpty();
        sim.State.Pods.ShouldBeEmpty();
    }

    [Fact]
    public void CreatePriorityClass_SecondGlobalDefault_Forbidden()
    {
        var sim = new Simulation();
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("a"), Value = 10, GlobalDefault = true });

        var error = Should.Throw<ApiException>(() => sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("b"), Value = 20, GlobalDefault = true }));

        error.Message.ShouldBe("priorityclasses.scheduling.k8s.io \"b\" is forbidden: PriorityClass a is already marked as default. Only one default can exist");
    }

    [Fact]
    public void CreatePod_GlobalDefaultClass_PriorityResolvedByAdmission()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("normal"), Value = 1000, GlobalDefault = true });

        var pod = sim.CreatePod(new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default" }, Spec = new PodSpec { Containers = EquatableArray.Create(Fixtures.Container()) } });

        pod.Spec.PriorityClassName.ShouldBe("normal");
        pod.Spec.Priority.ShouldBe(1000);
        pod.Spec.PreemptionPolicy.ShouldBe(PreemptionPolicy.PreemptLowerPriority);
    }

    [Fact]
    public void CreatePod_Ordinary_GetsDefaultNotReadyAndUnreachableTolerations()
    {
        var sim = Fixtures.Cluster(1);

        var pod = sim.CreatePod(new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default" }, Spec = new PodSpec { Containers = EquatableArray.Create(Fixtures.Container()) } });

        pod.Spec.Tolerations.ShouldBe(EquatableArray.Create(
            new Toleration(WellKnownTaints.NotReady, TolerationOperator.Exists, "", TaintEffect.NoExecute, 300),
            new Toleration(WellKnownTaints.Unreachable, TolerationOperator.Exists, "", TaintEffect.NoExecute, 300)));
    }

    [Fact]
    public void DeletePriorityClass_BuiltIn_Forbidden()
    {
        var sim = new Simulation();

        Should.Throw<ApiException>(() => sim.DeletePriorityClass("system-node-critical")).Reason.ShouldBe(StatusReason.Forbidden);
        sim.State.PriorityClasses["system-node-critical"].Value.ShouldBe(2000001000);
        sim.State.PriorityClasses["system-cluster-critical"].Value.ShouldBe(2000000000);
    }
}

public class NodeEventCostTests
{
    [Fact]
    public void CreateNode_TwentyDaemonSets_OneEligibilityCheckPerDaemonSet()
    {
        var sim = Simulator.Tests.Support.Fixtures.Cluster(50);
        for (var i = 0; i < 20; i++)
        {
            sim.CreateDaemonSet(Simulator.Tests.Support.Fixtures.DaemonSet($"agent-{i}"));
        }

        sim.RunUntilSettled();
        var before = sim.ShouldRunEvaluations;

        sim.CreateNode(Simulator.Tests.Support.Fixtures.Node("node-new"));
        sim.RunUntilSettled();

        // The node's 20 pods are created, bound, started and become ready: none of that re-checks eligibility.
        (sim.ShouldRunEvaluations - before).ShouldBe(20);
        sim.State.PodsOnNode("node-new").Count().ShouldBe(20);
    }

    [Fact]
    public void LabelNode_TwentyDaemonSets_OneEligibilityCheckPerDaemonSet()
    {
        var sim = Simulator.Tests.Support.Fixtures.Cluster(50);
        for (var i = 0; i < 20; i++)
        {
            sim.CreateDaemonSet(Simulator.Tests.Support.Fixtures.DaemonSet($"agent-{i}"));
        }

        sim.RunUntilSettled();
        var before = sim.ShouldRunEvaluations;

        sim.LabelNode("node-7", "team", "obs");
        sim.RunUntilSettled();

        (sim.ShouldRunEvaluations - before).ShouldBe(20);
    }
}
