using Simulator.Model;
using Simulator.Validation;
using static Simulator.Tests.Validation.ValidationFixtures;

namespace Simulator.Tests.Validation;

// Expectations come from Kubernetes' pkg/apis/apps/v1/defaults.go (SetDefaults_DaemonSet) and
// pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, SetDefaults_Pod, SetDefaults_ContainerPort).
public class DefaultsTests
{
    [Fact]
    public void Apply_DaemonSetWithoutStrategy_RollingUpdateOfOneUnavailableNoSurgeAndTenRevisions()
    {
        var ds = Defaults.Apply(Fluentd());

        ds.Spec.UpdateStrategy.Type.ShouldBe(DaemonSetUpdateStrategyType.RollingUpdate);
        ds.Spec.UpdateStrategy.RollingUpdate.ShouldNotBeNull();
        ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.ShouldBe(IntOrString.FromInt(1));
        ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge.ShouldBe(IntOrString.FromInt(0));
        ds.Spec.RevisionHistoryLimit.ShouldBe(10);
        ObjectValidation.ValidateDaemonSet(ds).ShouldBeEmpty();
    }

    [Fact]
    public void Apply_OnlyMaxSurgeOne_DefaultsMaxUnavailableToOneAndValidationRejectsIt()
    {
        var submitted = WithRollingUpdate(Fluentd(), maxUnavailable: null, maxSurge: 1);

        var ds = Defaults.Apply(submitted);

        ds.Spec.UpdateStrategy.RollingUpdate!.MaxUnavailable.ShouldBe(IntOrString.FromInt(1));
        ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge.ShouldBe(IntOrString.FromInt(1));
        Render(ObjectValidation.ValidateDaemonSet(ds)).ShouldBe(
            ["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"]);
    }

    [Fact]
    public void Apply_MaxSurgeWithMaxUnavailableZero_KeepsBothAndIsValid()
    {
        var ds = Defaults.Apply(WithRollingUpdate(Fluentd(), maxUnavailable: 0, maxSurge: "10%"));

        ds.Spec.UpdateStrategy.RollingUpdate!.MaxUnavailable.ShouldBe(IntOrString.FromInt(0));
        ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge.ShouldBe(IntOrString.FromString("10%"));
        ObjectValidation.ValidateDaemonSet(ds).ShouldBeEmpty();
    }

    [Fact]
    public void Apply_OnDelete_CreatesNoRollingUpdateBlock()
    {
        var submitted = Fluentd() with { Spec = Fluentd().Spec with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete } } };

        Defaults.Apply(submitted).Spec.UpdateStrategy.RollingUpdate.ShouldBeNull();
    }

    [Fact]
    public void Apply_ExplicitRevisionHistoryLimitZero_Kept()
    {
        var submitted = Fluentd() with { Spec = Fluentd().Spec with { RevisionHistoryLimit = 0 } };

        Defaults.Apply(submitted).Spec.RevisionHistoryLimit.ShouldBe(0);
    }

    [Fact]
    public void Apply_DaemonSetTemplate_GetsPodSpecDefaultsButNotThePodOnlyOnes()
    {
        var submitted = WithPodSpec(Fluentd(), s => s with
        {
            RestartPolicy = "",
            TerminationGracePeriodSeconds = null,
            SchedulerName = "",
            HostNetwork = true,
            Containers = EquatableArray.Create(FluentdContainer() with
            {
                Ports = EquatableArray.Create(new ContainerPort(24224, 0, "")),
                Resources = new ResourceRequirements { Limits = ResourceList.Of("cpu", "500m", "memory", "200Mi") },
            }),
        });

        var spec = Defaults.Apply(submitted).Spec.Template.Spec;

        spec.RestartPolicy.ShouldBe(RestartPolicy.Always);
        spec.TerminationGracePeriodSeconds.ShouldBe(30);
        spec.SchedulerName.ShouldBe("default-scheduler");
        spec.Containers[0].Ports[0].ShouldBe(new ContainerPort(24224, 0, PortProtocol.Tcp), "hostPort is defaulted only on pods (Kubernetes v1.28+)");
        spec.Containers[0].Resources.Requests.IsEmpty.ShouldBeTrue("requests default from limits only on pods");
    }

    public static TheoryData<string, Func<PodSpec, PodSpec>, Func<PodSpec, object?>, object?> PodSpecCases => new()
    {
        { "an empty restartPolicy becomes Always", s => s with { RestartPolicy = "" }, s => s.RestartPolicy, RestartPolicy.Always },
        { "an explicit restartPolicy is kept", s => s with { RestartPolicy = RestartPolicy.OnFailure }, s => s.RestartPolicy, RestartPolicy.OnFailure },
        { "a missing grace period becomes 30", s => s with { TerminationGracePeriodSeconds = null }, s => s.TerminationGracePeriodSeconds, 30L },
        { "a zero grace period is kept", s => s with { TerminationGracePeriodSeconds = 0 }, s => s.TerminationGracePeriodSeconds, 0L },
        { "a negative grace period on a pod becomes 1", s => s with { TerminationGracePeriodSeconds = -5 }, s => s.TerminationGracePeriodSeconds, 1L },
        { "an empty schedulerName becomes default-scheduler", s => s with { SchedulerName = "" }, s => s.SchedulerName, "default-scheduler" },
        { "an empty port protocol becomes TCP", s => WithContainer(s, c => c with { Ports = EquatableArray.Create(new ContainerPort(24224, 0, "")) }), s => s.Containers[0].Ports[0].Protocol, PortProtocol.Tcp },
        { "a UDP port stays UDP", s => WithContainer(s, c => c with { Ports = EquatableArray.Create(new ContainerPort(53, 0, PortProtocol.Udp)) }), s => s.Containers[0].Ports[0].Protocol, PortProtocol.Udp },
        {
            "under hostNetwork a zero hostPort becomes the containerPort",
            s => WithContainer(s with { HostNetwork = true }, c => c with { Ports = EquatableArray.Create(new ContainerPort(24224)) }),
            s => s.Containers[0].Ports[0].HostPort,
            24224
        },
        {
            "under hostNetwork an explicit hostPort is kept",
            s => WithContainer(s with { HostNetwork = true }, c => c with { Ports = EquatableArray.Create(new ContainerPort(24224, 8080)) }),
            s => s.Containers[0].Ports[0].HostPort,
            8080
        },
        {
            "without hostNetwork a zero hostPort stays zero",
            s => WithContainer(s, c => c with { Ports = EquatableArray.Create(new ContainerPort(24224)) }),
            s => s.Containers[0].Ports[0].HostPort,
            0
        },
        {
            "a limit without a request becomes the request",
            s => WithContainer(s, c => c with { Resources = new ResourceRequirements { Limits = ResourceList.Of("cpu", "500m", "example.com/gpu", "1") } }),
            s => s.Containers[0].Resources.Requests,
            ResourceList.Of("cpu", "500m", "example.com/gpu", "1")
        },
        {
            "an explicit request is kept and only missing ones are filled",
            s => WithContainer(s, c => c with { Resources = new ResourceRequirements { Limits = ResourceList.Of("cpu", "500m", "memory", "200Mi"), Requests = ResourceList.Of("cpu", "100m") } }),
            s => s.Containers[0].Resources.Requests,
            ResourceList.Of("cpu", "100m", "memory", "200Mi")
        },
        {
            "init containers get requests from limits too",
            s => s with { InitContainers = EquatableArray.Create(new Container { Name = "init", Image = "busybox", Resources = new ResourceRequirements { Limits = ResourceList.Of("memory", "64Mi") } }) },
            s => s.InitContainers[0].Resources.Requests,
            ResourceList.Of("memory", "64Mi")
        },
    };

    [Theory]
    [MemberData(nameof(PodSpecCases))]
    public void Apply_PodSpec_SetsKubernetesDefault(string description, Func<PodSpec, PodSpec> change, Func<PodSpec, object?> read, object? expected)
    {
        var spec = Defaults.Apply(change(FluentdPod().Spec));

        read(spec).ShouldBe(expected, description);
    }

    [Fact]
    public void Apply_Pod_DefaultsItsSpec()
    {
        var pod = FluentdPod() with { Spec = FluentdPod().Spec with { TerminationGracePeriodSeconds = null } };

        Defaults.Apply(pod).Spec.TerminationGracePeriodSeconds.ShouldBe(30);
    }

    [Fact]
    public void Apply_DefaultedDaemonSet_IsIdempotentAndReturnsTheSameInstance()
    {
        var once = Defaults.Apply(Fluentd());

        var twice = Defaults.Apply(once);

        twice.ShouldBeSameAs(once);
    }

    [Fact]
    public void Apply_DefaultedPod_IsIdempotentAndReturnsTheSameInstance()
    {
        var pod = FluentdPod() with
        {
            Spec = WithContainer(FluentdPod().Spec with { HostNetwork = true, RestartPolicy = "" }, c => c with
            {
                Ports = EquatableArray.Create(new ContainerPort(24224, 0, "")),
                Resources = new ResourceRequirements { Limits = ResourceList.Of("cpu", "1") },
            }),
        };
        var once = Defaults.Apply(pod);

        var twice = Defaults.Apply(once);

        twice.ShouldBeSameAs(once);
        twice.ShouldBe(once);
        once.ShouldNotBe(pod);
    }

    [Fact]
    public void Apply_DefaultedPodSpec_ReturnsTheSameInstance()
    {
        var spec = Defaults.Apply(FluentdPod().Spec);

        Defaults.Apply(spec).ShouldBeSameAs(spec);
    }
}
