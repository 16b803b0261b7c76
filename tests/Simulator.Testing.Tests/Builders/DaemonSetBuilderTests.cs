using Simulator.Model;

namespace Simulator.Testing.Tests.Builders;

public class DaemonSetBuilderTests
{
    [Fact]
    public void Build_Defaults_GuideStyleSelectorAndOneContainer()
    {
        var ds = DaemonSetBuilder.Named("monitoring/node-exporter").Build();

        ds.Metadata.Name.ShouldBe("node-exporter");
        ds.Metadata.Namespace.ShouldBe("monitoring");
        ds.Metadata.Labels.ShouldBeEmpty();
        ds.Spec.Selector.ShouldBe(LabelSelector.ForLabels("name", "node-exporter"));
        ds.Spec.Template.Metadata.Labels.ShouldBe(StringMap.Of("name", "node-exporter"));
        ds.Spec.Selector!.Matches(ds.Spec.Template.Metadata.Labels).ShouldBeTrue();
        var container = ds.Spec.Template.Spec.Containers.ShouldHaveSingleItem();
        container.Name.ShouldBe("node-exporter");
        container.Image.ShouldBe("node-exporter:v1");
        container.Resources.ShouldBe(new ResourceRequirements());
        container.Ports.ShouldBeEmpty();
        ds.Spec.UpdateStrategy.ShouldBe(new DaemonSetUpdateStrategy());
        ds.Spec.MinReadySeconds.ShouldBe(0);
        ds.Spec.RevisionHistoryLimit.ShouldBeNull();
        ds.Spec.Template.Spec.Tolerations.ShouldBeEmpty();
        ds.Spec.Template.Spec.NodeSelector.ShouldBeEmpty();
        ds.Spec.Template.Spec.Affinity.ShouldBeNull();
    }

    [Fact]
    public void Named_WithoutNamespace_IsInDefault()
    {
        var agent = DaemonSetBuilder.Named("agent");

        agent.Key.ShouldBe("default/agent");
        agent.Build().Metadata.Namespace.ShouldBe("default");
    }

    [Fact]
    public void WithImage_AndLabelled_SetContainerAndDaemonSetLabels_NotPodLabels()
    {
        var ds = DaemonSetBuilder.Named("logging/fluentd").WithImage("fluentd:v2", "main").Labelled("app", "logs").Build();

        ds.Spec.Template.Spec.Containers[0].Name.ShouldBe("main");
        ds.Spec.Template.Spec.Containers[0].Image.ShouldBe("fluentd:v2");
        ds.Metadata.Labels.ShouldBe(StringMap.Of("app", "logs"));
        ds.Spec.Template.Metadata.Labels.ShouldBe(StringMap.Of("name", "fluentd"));
        DaemonSetBuilder.Named("a").WithImage("b:v3").Build().Spec.Template.Spec.Containers[0].Name.ShouldBe("a");
    }

    [Fact]
    public void RequestsAndLimits_SetTheContainersResources()
    {
        var resources = DaemonSetBuilder.Named("a").Requests("100m", "200Mi").Limits(null, "200Mi").Build().Spec.Template.Spec.Containers[0].Resources;

        resources.Requests.ShouldBe(ResourceList.Of("cpu", "100m", "memory", "200Mi"));
        resources.Limits.ShouldBe(ResourceList.Of("memory", "200Mi"));
        DaemonSetBuilder.Named("a").Requests("1").Build().Spec.Template.Spec.Containers[0].Resources.Requests.ShouldBe(ResourceList.Of("cpu", "1"));
    }

    [Theory]
    [InlineData("the default: no strategy written, the API server defaults it", null, null, "", false)]
    [InlineData("RollingUpdate with Kubernetes' default budget", "default", null, "RollingUpdate", false)]
    [InlineData("RollingUpdate maxUnavailable 1", "1", null, "RollingUpdate", true)]
    [InlineData("RollingUpdate maxSurge 10%", null, "10%", "RollingUpdate", true)]
    public void Strategy_IsWrittenAsGiven(string description, string? maxUnavailable, string? maxSurge, string type, bool hasRollingUpdate)
    {
        var builder = DaemonSetBuilder.Named("a");
        if (maxUnavailable == "default")
        {
            builder = builder.RollingUpdate();
        }
        else if (maxUnavailable is not null || maxSurge is not null)
        {
            builder = builder.RollingUpdate(
                maxUnavailable is null ? (IntOrString?)null : IntOrString.FromInt(int.Parse(maxUnavailable, System.Globalization.CultureInfo.InvariantCulture)),
                maxSurge is null ? (IntOrString?)null : IntOrString.FromString(maxSurge));
        }

        var strategy = builder.Build().Spec.UpdateStrategy;

        strategy.Type.ShouldBe(type, description);
        (strategy.RollingUpdate is not null).ShouldBe(hasRollingUpdate, description);
        if (hasRollingUpdate)
        {
            strategy.RollingUpdate!.MaxUnavailable.ShouldBe(maxUnavailable is null ? (IntOrString?)null : IntOrString.FromInt(1));
            strategy.RollingUpdate.MaxSurge.ShouldBe(maxSurge is null ? (IntOrString?)null : IntOrString.FromString("10%"));
        }
    }

    [Fact]
    public void OnDelete_MinReadySeconds_RevisionHistoryLimit()
    {
        var spec = DaemonSetBuilder.Named("a").OnDelete().WithMinReadySeconds(10).WithRevisionHistoryLimit(3).Build().Spec;

        spec.UpdateStrategy.ShouldBe(new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete });
        spec.MinReadySeconds.ShouldBe(10);
        spec.RevisionHistoryLimit.ShouldBe(3);
    }

    [Fact]
    public void RequiringNodes_EachCallAddsAnOredTerm_PreferringNodesKeepsThem()
    {
        var affinity = DaemonSetBuilder.Named("a")
            .RequiringNodes(SelectorRequirement.Of("type", SelectorOperator.In, "platform-tools"), SelectorRequirement.Of("disk", SelectorOperator.Exists))
            .PreferringNodes(5, SelectorRequirement.Of("instance-type", SelectorOperator.In, "t2.large"))
            .RequiringNodes(SelectorRequirement.Of("gpu", SelectorOperator.DoesNotExist))
            .Build().Spec.Template.Spec.Affinity!.NodeAffinity!;

        affinity.Required!.NodeSelectorTerms.Count.ShouldBe(2);
        affinity.Required.NodeSelectorTerms[0].MatchExpressions.ToArray().ShouldBe([
            SelectorRequirement.Of("type", "In", "platform-tools"),
            SelectorRequirement.Of("disk", "Exists"),
        ]);
        affinity.Required.NodeSelectorTerms[1].MatchExpressions.ToArray().ShouldBe([SelectorRequirement.Of("gpu", "DoesNotExist")]);
        affinity.Preferred.ToArray().ShouldBe([new PreferredSchedulingTerm(5, new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("instance-type", "In", "t2.large")) })]);
    }

    [Fact]
    public void WithNodeSelector_AddsKeys()
    {
        DaemonSetBuilder.Named("a").WithNodeSelector("type", "platform-tools").WithNodeSelector("disk", "ssd").Build()
            .Spec.Template.Spec.NodeSelector.ShouldBe(StringMap.Of("disk", "ssd", "type", "platform-tools"));
    }

    [Fact]
    public void Tolerations_InTheOrderAdded()
    {
        DaemonSetBuilder.Named("a").Tolerating("app", "fluentd-logging", TaintEffect.NoExecute).ToleratingEverything().Build()
            .Spec.Template.Spec.Tolerations.ToArray().ShouldBe([
                new Toleration("app", "Equal", "fluentd-logging", "NoExecute"),
                new Toleration("", "Exists", "", ""),
            ]);
    }

    [Fact]
    public void HostPortsHostNetworkPriorityClassGracePeriod()
    {
        var ds = DaemonSetBuilder.Named("kube-system/cni").WithHostPort(9099).WithHostPort(53, PortProtocol.Udp)
            .WithHostNetwork().WithPriorityClass("system-node-critical").WithTerminationGracePeriod(5)
            .WithContainerSecurityContext(new SecurityContext { Privileged = true }).Build();
        var spec = ds.Spec.Template.Spec;

        spec.Containers[0].Ports.ToArray().ShouldBe([new ContainerPort(9099, 9099, "TCP"), new ContainerPort(53, 53, "UDP")]);
        spec.Containers[0].SecurityContext.ShouldBe(new SecurityContext { Privileged = true });
        spec.HostNetwork.ShouldBeTrue();
        spec.PriorityClassName.ShouldBe("system-node-critical");
        spec.TerminationGracePeriodSeconds.ShouldBe(5);
    }

    [Fact]
    public void Template_ChangesTheSpec_AndItsContainersFollowTheBuildersOwn()
    {
        var ds = DaemonSetBuilder.Named("a")
            .Template(s => s with { HostPid = true, Containers = EquatableArray.Create(new Container { Name = "sidecar", Image = "x" }) })
            .Build();

        ds.Spec.Template.Spec.HostPid.ShouldBeTrue();
        ds.Spec.Template.Spec.Containers.Select(c => c.Name).ShouldBe(["a", "sidecar"]);
    }

    [Fact]
    public void WithHostPathVolume_AddsTheVolumeAndMountsIt()
    {
        var spec = DaemonSetBuilder.Named("a").WithHostPathVolume("varlog", "/var/log").WithHostPathVolume("etc", "/etc", "/host/etc", readOnly: true).Build().Spec.Template.Spec;

        spec.Volumes.ToArray().ShouldBe([new Volume { Name = "varlog", HostPath = "/var/log" }, new Volume { Name = "etc", HostPath = "/etc" }]);
        spec.Containers[0].VolumeMounts.ToArray().ShouldBe([new VolumeMount("varlog", "/var/log"), new VolumeMount("etc", "/host/etc", true)]);
    }

    [Fact]
    public void Derive_SharedBuilderIsUnchanged()
    {
        var shared = Presets.Fluentd;
        var before = shared.Build();

        _ = shared.WithNodeSelector("type", "platform-tools").Tolerating("a", "b", TaintEffect.NoSchedule).WithHostPort(80)
            .RequiringNodes(SelectorRequirement.Of("x", "Exists")).OnDelete().WithImage("other").Requests("1", "1Gi");

        shared.Build().ShouldBe(before);
        Presets.Fluentd.Build().ShouldBe(before);
    }

    [Fact]
    public void Build_TwiceGivesEqualDaemonSets()
    {
        var builder = DaemonSetBuilder.Named("a").ToleratingEverything().WithHostPort(1).RequiringNodes(SelectorRequirement.Of("x", "Exists"));

        builder.Build().ShouldBe(builder.Build());
        DaemonSet implicitly = builder;
        implicitly.ShouldBe(builder.Build());
    }
}

public class PodBuilderTests
{
    [Fact]
    public void Build_Defaults_PauseContainerInDefaultNamespace()
    {
        var pod = PodBuilder.Named("web-1").Build();

        pod.Metadata.Namespace.ShouldBe("default");
        pod.Metadata.Name.ShouldBe("web-1");
        var container = pod.Spec.Containers.ShouldHaveSingleItem();
        container.Name.ShouldBe("main");
        container.Image.ShouldBe("registry.k8s.io/pause:3.10");
        pod.Spec.NodeName.ShouldBe("");
    }

    [Fact]
    public void Methods_SetWhatTheySay()
    {
        var pod = PodBuilder.Named("shop/web-1").Requests("3", "1Gi").OnNode("k8s-worker-1").WithNodeSelector("type", "web")
            .Labelled("app", "web").Tolerating(new Toleration("a", "Exists")).WithPriorityClass("low").WithHostPort(8080).Build();

        pod.Metadata.Namespace.ShouldBe("shop");
        pod.Metadata.Labels.ShouldBe(StringMap.Of("app", "web"));
        pod.Spec.NodeName.ShouldBe("k8s-worker-1");
        pod.Spec.NodeSelector.ShouldBe(StringMap.Of("type", "web"));
        pod.Spec.Tolerations.ToArray().ShouldBe([new Toleration("a", "Exists")]);
        pod.Spec.PriorityClassName.ShouldBe("low");
        pod.Spec.Containers[0].Resources.Requests.ShouldBe(ResourceList.Of("cpu", "3", "memory", "1Gi"));
        pod.Spec.Containers[0].Ports.ToArray().ShouldBe([new ContainerPort(8080, 8080)]);
        PodBuilder.Named("shop/web-1").Key.ShouldBe("shop/web-1");
    }
}
