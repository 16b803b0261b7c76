using k8s;
using k8s.Models;
using Simulator.Engine;
using Simulator.Model;
using static Simulator.Kubernetes.Tests.Mapping.MappingFixtures;

namespace Simulator.Kubernetes.Tests.Mapping;

public class KubernetesMapperRoundTripTests
{
    [Fact]
    public void DaemonSet_RichModel_RoundTripsEqual()
    {
        var ds = RichDaemonSet();

        KubernetesMapper.ToModel(KubernetesMapper.ToKubernetes(ds)).ShouldBe(ds);
    }

    [Fact]
    public void DaemonSet_RichModel_RoundTripsThroughJsonAndYaml()
    {
        var ds = RichDaemonSet();
        var v1 = KubernetesMapper.ToKubernetes(ds);

        KubernetesMapper.ToModel(KubernetesJson.Deserialize<V1DaemonSet>(KubernetesJson.Serialize(v1))).ShouldBe(ds);
        KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1DaemonSet>(KubernetesYaml.Serialize(v1))).ShouldBe(ds);
    }

    [Fact]
    public void DaemonSet_ToKubernetes_WritesApiServerShapes()
    {
        var v1 = KubernetesMapper.ToKubernetes(RichDaemonSet());

        v1.ApiVersion.ShouldBe("apps/v1");
        v1.Kind.ShouldBe("DaemonSet");
        v1.Metadata.Name.ShouldBe("fluentd");
        v1.Metadata.NamespaceProperty.ShouldBe("logging");
        v1.Metadata.ResourceVersion.ShouldBe("12345");
        v1.Metadata.Generation.ShouldBe(3);
        v1.Metadata.CreationTimestamp.ShouldBe(new DateTime(2025, 1, 1, 0, 0, 2, DateTimeKind.Utc));
        v1.Metadata.CreationTimestamp!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        v1.Spec.Selector.MatchLabels["name"].ShouldBe("fluentd");
        v1.Spec.Selector.MatchExpressions[1].OperatorProperty.ShouldBe("DoesNotExist");
        v1.Spec.Selector.MatchExpressions[1].Values.ShouldBeNull();
        v1.Spec.UpdateStrategy.Type.ShouldBe("RollingUpdate");
        v1.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value.ShouldBe("0");
        v1.Spec.UpdateStrategy.RollingUpdate.MaxSurge.Value.ShouldBe("25%");
        v1.Spec.MinReadySeconds.ShouldBe(10);
        v1.Spec.RevisionHistoryLimit.ShouldBe(5);
        v1.Status.NumberMisscheduled.ShouldBe(2);
        v1.Status.NumberAvailable.ShouldBe(496);
        v1.Status.CollisionCount.ShouldBe(1);

        var spec = v1.Spec.Template.Spec;
        var terms = spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms;
        terms[0].MatchExpressions[0].Values.ShouldBe(["platform-tools", "infra"]);
        terms[1].MatchFields[0].Key.ShouldBe("metadata.name");
        terms[1].MatchFields[0].Values.ShouldBe(["k8s-worker-1"]);
        spec.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution[1].Weight.ShouldBe(50);
        spec.Tolerations[1].TolerationSeconds.ShouldBe(300);
        spec.Tolerations[3].Key.ShouldBeNull();
        spec.Tolerations[3].OperatorProperty.ShouldBe("Exists");
        var container = spec.Containers[0];
        container.Ports[0].HostPort.ShouldBe(24224);
        container.Ports[0].HostIP.ShouldBe("10.0.0.1");
        container.Ports[0].Name.ShouldBe("forward");
        container.Ports[1].Protocol.ShouldBe("UDP");
        container.Ports[2].HostPort.ShouldBeNull();
        container.Ports[2].Protocol.ShouldBeNull();
        container.Resources.Requests["ephemeral-storage"].ToString().ShouldBe("1536Mi");
        container.Resources.Limits["cpu"].ToString().ShouldBe("500m");
        container.SecurityContext.Capabilities.Drop.ShouldBe(["ALL"]);
        container.SecurityContext.SeccompProfile.LocalhostProfile.ShouldBe("profiles/fluentd.json");
        container.VolumeMounts[1].ReadOnlyProperty.ShouldBe(true);
        container.VolumeMounts[0].ReadOnlyProperty.ShouldBeNull();
        spec.InitContainers[0].RestartPolicy.ShouldBe("Always");
        spec.HostNetwork.ShouldBe(true);
        spec.HostPID.ShouldBe(true);
        spec.HostIPC.ShouldBe(true);
        spec.Priority.ShouldBe(2_000_001_000);
        spec.PreemptionPolicy.ShouldBe("Never");
        spec.SecurityContext.FsGroup.ShouldBe(2000);
        spec.Volumes[0].HostPath.Path.ShouldBe("/var/log");
        spec.Volumes[0].HostPath.Type.ShouldBe("DirectoryOrCreate");
        spec.Volumes[1].ConfigMap.Name.ShouldBe("fluentd-config");
        spec.Volumes[2].EmptyDir.ShouldNotBeNull();
        spec.Volumes[3].Secret.SecretName.ShouldBe("fluentd-certs");
        spec.Overhead["memory"].ToString().ShouldBe("120Mi");
    }

    [Fact]
    public void DaemonSet_ToKubernetesJson_HasNumberAndStringIntOrString()
    {
        var json = KubernetesJson.Serialize(KubernetesMapper.ToKubernetes(RichDaemonSet()));

        json.ShouldContain("\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":0}");
        json.ShouldStartWith("{\"apiVersion\":\"apps/v1\"");
    }

    [Fact]
    public void Node_WithTaintsAndConditions_RoundTripsEqual()
    {
        var node = RichNode();

        var v1 = KubernetesMapper.ToKubernetes(node);

        KubernetesMapper.ToModel(v1).ShouldBe(node);
        KubernetesMapper.ToModel(KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(v1))).ShouldBe(node);
        v1.ApiVersion.ShouldBe("v1");
        v1.Kind.ShouldBe("Node");
        v1.Metadata.NamespaceProperty.ShouldBeNull();
        v1.Spec.Unschedulable.ShouldBe(true);
        v1.Spec.Taints[0].TimeAdded.ShouldBe(new DateTime(2025, 1, 1, 0, 5, 30, DateTimeKind.Utc));
        v1.Spec.Taints[1].Value.ShouldBeNull();
        v1.Spec.Taints[2].TimeAdded.ShouldBeNull();
        v1.Status.Capacity["memory"].ToString().ShouldBe("16Gi");
        v1.Status.Allocatable["memory"].ToString().ShouldBe("15872Mi");
        v1.Status.Allocatable["cpu"].ToString().ShouldBe("3900m");
        v1.Status.Conditions[0].Reason.ShouldBe("KubeletReady");
        v1.Status.Conditions[0].Message.ShouldBe("kubelet is posting ready status");
        v1.Status.Conditions[2].LastTransitionTime.ShouldBe(new DateTime(2025, 1, 1, 0, 5, 30, DateTimeKind.Utc));
        v1.Status.Conditions[2].Reason.ShouldBeNull();
    }

    [Fact]
    public void Pod_RunningWithStatusesAndOwners_RoundTripsEqual()
    {
        var pod = RunningPod();

        var v1 = KubernetesMapper.ToKubernetes(pod);

        KubernetesMapper.ToModel(v1).ShouldBe(pod);
        KubernetesMapper.ToModel(KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(v1))).ShouldBe(pod);
        KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1Pod>(KubernetesYaml.Serialize(v1))).ShouldBe(pod);
    }

    [Fact]
    public void Pod_ToKubernetes_WritesStatusAndOwners()
    {
        var v1 = KubernetesMapper.ToKubernetes(RunningPod());

        v1.ApiVersion.ShouldBe("v1");
        v1.Kind.ShouldBe("Pod");
        v1.Metadata.GenerateName.ShouldBe("fluentd-");
        v1.Metadata.ResourceVersion.ShouldBe("9000000001");
        v1.Metadata.DeletionTimestamp.ShouldBe(new DateTime(2025, 1, 1, 0, 5, 30, DateTimeKind.Utc));
        v1.Metadata.DeletionGracePeriodSeconds.ShouldBe(30);
        var owners = v1.Metadata.OwnerReferences;
        owners[0].Controller.ShouldBe(true);
        owners[0].BlockOwnerDeletion.ShouldBe(true);
        owners[0].Uid.ShouldBe("3f1c2d4e-0000-4000-8000-000000000001");
        owners[1].Controller.ShouldBeNull();
        owners[1].BlockOwnerDeletion.ShouldBeNull();
        owners[2].BlockOwnerDeletion.ShouldBe(true);
        v1.Spec.NodeName.ShouldBe("k8s-worker-2");
        v1.Spec.ActiveDeadlineSeconds.ShouldBe(600);
        v1.Status.Phase.ShouldBe("Running");
        v1.Status.PodIP.ShouldBe("10.244.1.17");
        v1.Status.PodIPs.Single().Ip.ShouldBe("10.244.1.17");
        v1.Status.StartTime.ShouldBe(new DateTime(2025, 1, 1, 0, 0, 3, DateTimeKind.Utc));
        v1.Status.NominatedNodeName.ShouldBe("k8s-worker-3");
        v1.Status.Reason.ShouldBeNull();
        v1.Status.Conditions[3].Message.ShouldBe("containers with unready status: [exporter]");
        var statuses = v1.Status.ContainerStatuses;
        statuses[0].State.Running.StartedAt.ShouldBe(new DateTime(2025, 1, 1, 0, 0, 5, DateTimeKind.Utc));
        statuses[0].State.Waiting.ShouldBeNull();
        statuses[0].RestartCount.ShouldBe(2);
        statuses[0].Ready.ShouldBeTrue();
        statuses[0].Started.ShouldBe(true);
        statuses[1].State.Waiting.Reason.ShouldBe("CrashLoopBackOff");
        statuses[1].Started.ShouldBe(false);
        statuses[2].State.Terminated.ExitCode.ShouldBe(137);
        statuses[2].State.Terminated.Reason.ShouldBe("Error");
        statuses[3].State.Waiting.ShouldNotBeNull();
        statuses[3].State.Waiting.Reason.ShouldBeNull();
    }

    [Fact]
    public void ControllerRevision_RoundTripsEqual_DirectlyAndThroughJsonAndYaml()
    {
        var revision = Revision();

        var v1 = KubernetesMapper.ToKubernetes(revision);

        v1.ApiVersion.ShouldBe("apps/v1");
        v1.Kind.ShouldBe("ControllerRevision");
        v1.Revision.ShouldBe(3);
        KubernetesMapper.ToModel(v1).ShouldBe(revision);
        KubernetesMapper.ToModel(KubernetesJson.Deserialize<V1ControllerRevision>(KubernetesJson.Serialize(v1))).ShouldBe(revision);
        KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1ControllerRevision>(KubernetesYaml.Serialize(v1))).ShouldBe(revision);
    }

    [Fact]
    public void PodTemplateSpec_RoundTripsEqual_WithoutApiVersionOrKind()
    {
        var template = RichTemplate();

        var v1 = KubernetesMapper.ToKubernetes(template);

        KubernetesMapper.ToModel(v1).ShouldBe(template);
        KubernetesJson.Serialize(v1).ShouldNotContain("apiVersion");
        KubernetesJson.Serialize(v1).ShouldNotContain("\"kind\"");
    }

    [Fact]
    public void Namespace_RoundTripsEqual_WithLabelsAndPhase()
    {
        var ns = new Namespace
        {
            Metadata = new ObjectMeta
            {
                Name = "logging",
                Uid = "ns-uid",
                Labels = StringMap.Of("kubernetes.io/metadata.name", "logging", "pod-security.kubernetes.io/enforce", "privileged"),
                CreationTimestamp = Created,
                DeletionTimestamp = Later,
            },
            Phase = "Terminating",
        };

        var v1 = KubernetesMapper.ToKubernetes(ns);

        v1.ApiVersion.ShouldBe("v1");
        v1.Kind.ShouldBe("Namespace");
        v1.Status.Phase.ShouldBe("Terminating");
        v1.Metadata.Labels["pod-security.kubernetes.io/enforce"].ShouldBe("privileged");
        KubernetesMapper.ToModel(v1).ShouldBe(ns);
    }

    [Fact]
    public void PriorityClass_RoundTripsEqual_WithEveryField()
    {
        var pc = new PriorityClass
        {
            Metadata = new ObjectMeta { Name = "high", Uid = "pc-uid", CreationTimestamp = Created, Generation = 1 },
            Value = 1_000_000,
            GlobalDefault = true,
            PreemptionPolicy = PreemptionPolicy.Never,
            Description = "for daemons",
        };

        var v1 = KubernetesMapper.ToKubernetes(pc);

        v1.ApiVersion.ShouldBe("scheduling.k8s.io/v1");
        v1.Kind.ShouldBe("PriorityClass");
        v1.Value.ShouldBe(1_000_000);
        v1.GlobalDefault.ShouldBe(true);
        v1.PreemptionPolicy.ShouldBe("Never");
        v1.Description.ShouldBe("for daemons");
        KubernetesMapper.ToModel(v1).ShouldBe(pc);
        KubernetesMapper.ToModel(KubernetesMapper.ToKubernetes(PriorityClass.SystemNodeCritical)).ShouldBe(PriorityClass.SystemNodeCritical);
    }

    [Fact]
    public void ToKubernetes_EmptyModelCollectionsAndStrings_AreOmitted()
    {
        var pod = new Pod { Metadata = ObjectMeta.Named("bare", "default"), Spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "c" }) } };

        var v1 = KubernetesMapper.ToKubernetes(pod);

        v1.Metadata.Labels.ShouldBeNull();
        v1.Metadata.Annotations.ShouldBeNull();
        v1.Metadata.OwnerReferences.ShouldBeNull();
        v1.Metadata.Uid.ShouldBeNull();
        v1.Metadata.CreationTimestamp.ShouldBeNull();
        v1.Metadata.ResourceVersion.ShouldBeNull();
        v1.Metadata.Generation.ShouldBeNull();
        v1.Spec.NodeName.ShouldBeNull();
        v1.Spec.NodeSelector.ShouldBeNull();
        v1.Spec.Affinity.ShouldBeNull();
        v1.Spec.Tolerations.ShouldBeNull();
        v1.Spec.InitContainers.ShouldBeNull();
        v1.Spec.Volumes.ShouldBeNull();
        v1.Spec.Overhead.ShouldBeNull();
        v1.Spec.HostNetwork.ShouldBeNull();
        v1.Spec.Containers.Single().Resources.ShouldBeNull();
        v1.Spec.Containers.Single().Ports.ShouldBeNull();
        v1.Spec.Containers.Single().Image.ShouldBeNull();
        v1.Status.PodIPs.ShouldBeNull();
        v1.Status.ContainerStatuses.ShouldBeNull();
        KubernetesJson.Serialize(v1).ShouldBe(
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"bare\",\"namespace\":\"default\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\"}],\"restartPolicy\":\"Always\",\"schedulerName\":\"default-scheduler\"},"
            + "\"status\":{\"phase\":\"Pending\"}}");
    }

    [Fact]
    public void ToKubernetes_MillisecondTimes_AreTruncatedToWholeSeconds()
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = "n", CreationTimestamp = Created + TimeSpan.FromMilliseconds(999) },
            Spec = new NodeSpec { Taints = EquatableArray.Create(new Taint("k", "", TaintEffect.NoExecute, Later + TimeSpan.FromMilliseconds(1))) },
        };

        var v1 = KubernetesMapper.ToKubernetes(node);

        v1.Metadata.CreationTimestamp.ShouldBe(new DateTime(2025, 1, 1, 0, 0, 2, DateTimeKind.Utc));
        v1.Spec.Taints[0].TimeAdded.ShouldBe(new DateTime(2025, 1, 1, 0, 5, 30, DateTimeKind.Utc));
        KubernetesJson.Serialize(v1).ShouldContain("\"creationTimestamp\":\"2025-01-01T00:00:02Z\"");
        KubernetesMapper.ToModel(v1).Metadata.CreationTimestamp.ShouldBe(Created);
    }

    [Fact]
    public void ToModel_TimesOfEveryKind_AreReadAsUtc()
    {
        var local = new DateTime(2025, 1, 1, 0, 0, 2, DateTimeKind.Utc).ToLocalTime();
        var v1 = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n", CreationTimestamp = local },
            Spec = new V1NodeSpec
            {
                Taints =
                [
                    new V1Taint { Key = "a", Effect = "NoExecute", TimeAdded = new DateTime(2025, 1, 1, 0, 5, 30, DateTimeKind.Unspecified) },
                    new V1Taint { Key = "b", Effect = "NoExecute", TimeAdded = new DateTime(2025, 1, 1, 0, 5, 30, 250, DateTimeKind.Utc) },
                ],
            },
        };

        var node = KubernetesMapper.ToModel(v1);

        node.Metadata.CreationTimestamp.ShouldBe(Created);
        node.Spec.Taints[0].TimeAdded.ShouldBe(Later);
        node.Spec.Taints[1].TimeAdded.ShouldBe(Later + TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void ToModel_OwnerReferenceWithoutFlags_IsNeitherControllerNorBlocking()
    {
        var v1 = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "p",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = "ds", Uid = "u" }],
            },
        };

        var owner = KubernetesMapper.ToModel(v1).Metadata.OwnerReferences.Single();

        owner.ShouldBe(new OwnerReference("apps/v1", "DaemonSet", "ds", "u", Controller: false, BlockOwnerDeletion: false));
    }

    [Fact]
    public void ToModel_PodIpsWithoutPodIp_TakesTheFirstAddress()
    {
        var v1 = new V1Pod { Status = new V1PodStatus { PodIPs = [new V1PodIP { Ip = "10.0.0.7" }, new V1PodIP { Ip = "fd00::7" }] } };

        KubernetesMapper.ToModel(v1).Status.PodIp.ShouldBe("10.0.0.7");
    }

    [Fact]
    public void ToModel_AbsentDefaultedFields_StayAbsentOrTakeTheApiServersValue()
    {
        var pod = KubernetesMapper.ToModel(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Ports = [new V1ContainerPort { ContainerPort = 80 }] }] } });
        var ns = KubernetesMapper.ToModel(new V1Namespace { Metadata = new V1ObjectMeta { Name = "n" } });
        var pc = KubernetesMapper.ToModel(new V1PriorityClass { Metadata = new V1ObjectMeta { Name = "pc" }, Value = 5 });

        pod.Spec.RestartPolicy.ShouldBe("");
        pod.Spec.SchedulerName.ShouldBe("");
        pod.Spec.TerminationGracePeriodSeconds.ShouldBeNull();
        pod.Spec.PreemptionPolicy.ShouldBeNull();
        pod.Spec.Priority.ShouldBeNull();
        pod.Spec.Containers[0].Ports[0].ShouldBe(new ContainerPort(80, 0, ""));
        pod.Status.Phase.ShouldBe(PodPhase.Pending);
        ns.Phase.ShouldBe("Active");
        pc.PreemptionPolicy.ShouldBe(PreemptionPolicy.PreemptLowerPriority);
        pc.Value.ShouldBe(5);
        pc.GlobalDefault.ShouldBeFalse();
    }

    [Fact]
    public void ToModel_EmptyAndNullSubObjects_DoNotThrow()
    {
        KubernetesMapper.ToModel(new V1Pod()).ShouldBe(new Pod { Spec = new PodSpec { RestartPolicy = "", SchedulerName = "" } });
        KubernetesMapper.ToModel(new V1Node()).ShouldBe(new Node());
        KubernetesMapper.ToModel(new V1Namespace()).ShouldBe(new Namespace());
        KubernetesMapper.ToModel(new V1ControllerRevision()).Data.Spec.Containers.ShouldBeEmpty();
        KubernetesMapper.ToModel(new V1PodTemplateSpec()).Metadata.ShouldBe(new ObjectMeta());

        var ds = KubernetesMapper.ToModel(new V1DaemonSet
        {
            Spec = new V1DaemonSetSpec
            {
                UpdateStrategy = new V1DaemonSetUpdateStrategy { RollingUpdate = new V1RollingUpdateDaemonSet() },
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new V1PreferredSchedulingTerm { Weight = 3 }] } },
                        Containers = [null!, new V1Container { Resources = new V1ResourceRequirements(), SecurityContext = new V1SecurityContext { Capabilities = new V1Capabilities() } }],
                        Volumes = [new V1Volume { Name = "v", HostPath = new V1HostPathVolumeSource(), Secret = new V1SecretVolumeSource() }],
                    },
                },
            },
            Status = new V1DaemonSetStatus(),
        });

        ds.Spec.Selector.ShouldBeNull();
        ds.Spec.UpdateStrategy.ShouldBe(new DaemonSetUpdateStrategy { RollingUpdate = new RollingUpdateDaemonSet() });
        ds.Spec.Template.Spec.Affinity!.NodeAffinity!.Preferred.Single().ShouldBe(new PreferredSchedulingTerm(3, new NodeSelectorTerm()));
        ds.Spec.Template.Spec.Containers.Count.ShouldBe(2);
        ds.Spec.Template.Spec.Containers[1].SecurityContext!.Capabilities.ShouldBe(new Capabilities());
        ds.Spec.Template.Spec.Volumes.Single().ShouldBe(new Volume { Name = "v", HostPath = "", Secret = "" });
    }
}
