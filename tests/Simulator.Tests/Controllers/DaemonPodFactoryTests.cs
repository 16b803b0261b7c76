using Simulator.Controllers;
using Simulator.Model;
using Simulator.Scheduling;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// Kubernetes: CreatePodTemplate, ReplaceDaemonSetPodNodeNameNodeAffinity and GetTargetNodeName (daemonset_util.go and its tests),
// and the pod NewPod/syncNodes hand to the API server (generateName, controller reference).
public class DaemonPodFactoryTests
{
    private static readonly NodeSelectorTerm ZoneTerm = new() { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("zone", SelectorOperator.In, "a", "b")) };

    private static readonly PreferredSchedulingTerm Preferred = new(10, new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("ssd", SelectorOperator.Exists)) });

    private static DaemonSet AffinityDs() => SimpleDs(s => s with
    {
        NodeSelector = StringMap.Of("kubernetes.io/os", "linux"),
        Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(ZoneTerm), Preferred = EquatableArray.Create(Preferred) } },
    });

    [Fact]
    public void Create_Labels_TemplateLabelsPlusRevisionHashAndTemplateGeneration()
    {
        var ds = Stored(Support.Fixtures.DaemonSet("ds"), templateGeneration: 3);
        var plan = new DaemonSetPlan(ds);

        var pod = DaemonPodFactory.Create(plan, "node-1");

        pod.Metadata.Labels.ShouldBe(StringMap.Of("app", "ds", "controller-revision-hash", plan.Hash, "pod-template-generation", "3"));
    }

    [Fact]
    public void Create_NoTemplateGenerationAnnotation_NoPodTemplateGenerationLabel()
    {
        var ds = SimpleDs();
        ds = ds with { Metadata = ds.Metadata with { Annotations = StringMap.Empty } };

        var pod = DaemonPodFactory.Create(new DaemonSetPlan(ds), "node-1");

        pod.Metadata.Labels.ContainsKey(DaemonSetLabels.PodTemplateGeneration).ShouldBeFalse();
        pod.Metadata.Labels.ContainsKey(DaemonSetLabels.ControllerRevisionHash).ShouldBeTrue();
    }

    [Fact]
    public void Create_Metadata_GenerateNameNamespaceAndControllerOwnerReference()
    {
        var ds = SimpleDs();

        var pod = DaemonPodFactory.Create(new DaemonSetPlan(ds), "node-1");

        pod.Name.ShouldBeEmpty();
        pod.Metadata.GenerateName.ShouldBe("ds-");
        pod.Namespace.ShouldBe("default");
        pod.Metadata.OwnerReferences.ToArray().ShouldBe([new OwnerReference("apps/v1", "DaemonSet", "ds", DsUid, Controller: true, BlockOwnerDeletion: true)]);
    }

    [Fact]
    public void Create_RequiredAffinity_ReplacedBySingleNodeNameTerm()
    {
        var pod = DaemonPodFactory.Create(new DaemonSetPlan(AffinityDs()), "node-7");

        var terms = pod.Spec.Affinity!.NodeAffinity!.Required!.NodeSelectorTerms;
        terms.Count.ShouldBe(1);
        terms[0].MatchExpressions.ShouldBeEmpty();
        terms[0].MatchFields.ToArray().ShouldBe([SelectorRequirement.Of("metadata.name", SelectorOperator.In, "node-7")]);
    }

    [Fact]
    public void Create_NodeSelectorAndPreferredTerms_KeptUnchanged()
    {
        var pod = DaemonPodFactory.Create(new DaemonSetPlan(AffinityDs()), "node-7");

        pod.Spec.NodeSelector.ShouldBe(StringMap.Of("kubernetes.io/os", "linux"));
        pod.Spec.Affinity!.NodeAffinity!.Preferred.ToArray().ShouldBe([Preferred]);
    }

    [Fact]
    public void Create_TemplateWithoutAffinity_GetsNodeNamePin()
    {
        var pod = DaemonPodFactory.Create(new DaemonSetPlan(SimpleDs()), "node-2");

        PodPlacement.PinnedNodeName(pod.Spec).ShouldBe("node-2");
        PodPlacement.TargetNodeName(pod).ShouldBe("node-2");
        pod.Spec.NodeName.ShouldBeEmpty();
    }

    [Fact]
    public void Create_TemplateWithNodeName_StaysBoundToIt()
    {
        var pod = DaemonPodFactory.Create(new DaemonSetPlan(SimpleDs(s => s with { NodeName = "node-3" })), "node-3");

        pod.Spec.NodeName.ShouldBe("node-3");
        PodPlacement.TargetNodeName(pod).ShouldBe("node-3");
    }

    [Fact]
    public void Create_Tolerations_AreTheDaemonPodTolerations()
    {
        var ds = SimpleDs(s => s with { HostNetwork = true, Tolerations = EquatableArray.Create(new Toleration("gpu", TolerationOperator.Exists)) });

        var pod = DaemonPodFactory.Create(new DaemonSetPlan(ds), "node-1");

        pod.Spec.Tolerations.ShouldBe(DaemonSetPredicates.DaemonPodTolerations(ds.Spec.Template.Spec));
        pod.Spec.Tolerations.Count.ShouldBe(8);
    }

    [Fact]
    public void Create_Containers_CopiedFromTemplate()
    {
        var ds = SimpleDs();

        var pod = DaemonPodFactory.Create(new DaemonSetPlan(ds), "node-1");

        pod.Spec.Containers.ShouldBe(ds.Spec.Template.Spec.Containers);
    }

    [Fact]
    public void PinToNode_PreferredTermsAndOtherFieldsOfAffinity_Survive()
    {
        var affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(ZoneTerm), Preferred = EquatableArray.Create(Preferred) } };

        var pinned = DaemonPodFactory.PinToNode(affinity, "n");

        pinned.NodeAffinity!.Required.ShouldBe(NodeSelector.Of(NodeSelectorTerm.ForNodeName("n")));
        pinned.NodeAffinity.Preferred.ShouldBe(affinity.NodeAffinity.Preferred);
    }
}
