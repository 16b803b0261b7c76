using k8s;
using k8s.Models;
using Simulator.Model;
using Simulator.Validation;
using IntOrString = Simulator.Model.IntOrString;

namespace Simulator.Kubernetes.Tests.Mapping;

public class KubernetesMapperValueTests
{
    [Theory]
    [InlineData("a binary fraction is kept exactly", "1.5Gi", "1536Mi", "1610612736")]
    [InlineData("millicores stay millicores", "100m", "100m", "0.1")]
    [InlineData("a decimal fraction is exact", "0.1", "100m", "100000000n")]
    [InlineData("nano units survive", "1n", "1n", "0.000000001")]
    [InlineData("an exponent stays an exponent", "2e3", "2e3", "2000")]
    [InlineData("a large binary amount", "8Ei", "9223372036854775807", "9223372036854775807")]
    [InlineData("a plain count", "110", "110", "110000m")]
    [InlineData("whole units with a point", "1.5", "1500m", "1500000000n")]
    public void Quantity_V1ToModelAndBack_KeepsTheExactAmount(string description, string text, string canonical, string sameAmount)
    {
        var v1 = new V1Node { Metadata = new V1ObjectMeta { Name = "n" }, Status = new V1NodeStatus { Capacity = new Dictionary<string, ResourceQuantity> { ["x"] = new(text) } } };

        var quantity = KubernetesMapper.ToModel(v1).Status.Capacity.Get("x");

        quantity.ShouldBe(Quantity.Parse(sameAmount), description);
        quantity.ShouldBe(Quantity.Parse(text), description);
        var back = KubernetesMapper.ToKubernetes(new Node { Status = new NodeStatus { Capacity = ResourceList.From([new("x", quantity)]) } });
        back.Status.Capacity["x"].ToString().ShouldBe(canonical, description);
        back.Status.Capacity["x"].ShouldBe(new ResourceQuantity(text), description);
    }

    [Fact]
    public void Quantity_FromJsonAndYaml_KeepsTheExactAmount()
    {
        var fromJson = KubernetesJson.Deserialize<V1Node>("""{"status":{"capacity":{"cpu":0.1,"memory":"1.5Gi","pods":110}}}""");
        var fromYaml = KubernetesYaml.Deserialize<V1Node>("status:\n  capacity: {cpu: 100m, memory: 1536Mi, pods: '110'}\n");

        var expected = ResourceList.Of("cpu", "0.1", "memory", "1.5Gi", "pods", "110");
        KubernetesMapper.ToModel(fromJson).Status.Capacity.ShouldBe(expected);
        KubernetesMapper.ToModel(fromYaml).Status.Capacity.ShouldBe(expected);
        KubernetesMapper.ToModel(fromJson).Status.Capacity.Get("cpu").MilliValue.ShouldBe(100);
    }

    [Theory]
    [InlineData("an integer", "1", 1, null)]
    [InlineData("zero", "0", 0, null)]
    [InlineData("a percentage", "25%", null, "25%")]
    [InlineData("a fraction percentage", "12.5%", null, "12.5%")]
    [InlineData("text that is no number", "abc", null, "abc")]
    public void IntOrString_V1ToModel_KeepsIntOrString(string description, string value, int? expectedInt, string? expectedString)
    {
        var ds = KubernetesMapper.ToModel(DaemonSetWithMaxUnavailable(value));

        ds.Spec.UpdateStrategy.RollingUpdate!.MaxUnavailable.ShouldBe(new IntOrString(expectedInt, expectedString), description);
    }

    [Fact]
    public void IntOrString_ModelToV1_WritesJsonNumberOrString()
    {
        var ds = new DaemonSet
        {
            Metadata = ObjectMeta.Named("ds", "ns"),
            Spec = new DaemonSetSpec
            {
                UpdateStrategy = new DaemonSetUpdateStrategy
                {
                    Type = DaemonSetUpdateStrategyType.RollingUpdate,
                    RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = 1, MaxSurge = "10%" },
                },
            },
        };

        var v1 = KubernetesMapper.ToKubernetes(ds);

        KubernetesJson.Serialize(v1.Spec.UpdateStrategy).ShouldBe("""{"rollingUpdate":{"maxSurge":"10%","maxUnavailable":1},"type":"RollingUpdate"}""");
        KubernetesMapper.ToModel(v1).Spec.UpdateStrategy.ShouldBe(ds.Spec.UpdateStrategy);
    }

    [Fact]
    public void IntOrString_AbsentValues_StayAbsent()
    {
        var ds = KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1DaemonSet>("spec:\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 0}\n"));

        ds.Spec.UpdateStrategy.RollingUpdate.ShouldBe(new RollingUpdateDaemonSet { MaxSurge = 0 });
        KubernetesMapper.ToKubernetes(ds).Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.ShouldBeNull();
    }

    [Fact]
    public void IntOrString_IntegerBeyond32Bits_ThrowsBadRequestNamingTheField()
    {
        var ex = Should.Throw<ApiException>(() => KubernetesMapper.ToModel(DaemonSetWithMaxUnavailable("99999999999")));

        ex.Reason.ShouldBe(StatusReason.BadRequest);
        ex.Message.ShouldBe("DaemonSet \"fluentd\": spec.updateStrategy.rollingUpdate.maxUnavailable: int-or-string 99999999999 is an integer outside the 32-bit range");
    }

    [Fact]
    public void Quantity_NullInDaemonSetTemplate_ThrowsBadRequestNamingTheField()
    {
        var v1 = new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "fluentd", NamespaceProperty = "logging" },
            Spec = new V1DaemonSetSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "c", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi"), ["cpu"] = null! } } }],
                    },
                },
            },
        };

        var ex = Should.Throw<ApiException>(() => KubernetesMapper.ToModel(v1));

        ex.Reason.ShouldBe(StatusReason.BadRequest);
        ex.Message.ShouldBe("DaemonSet \"fluentd\": spec.template.spec.containers[0].resources.requests[cpu]: " + Quantity.FormatErrorMessage);
    }

    [Theory]
    [InlineData("node capacity", "Node \"n1\": status.capacity[cpu]: ")]
    [InlineData("pod init container limits", "Pod \"p\": spec.initContainers[1].resources.limits[cpu]: ")]
    [InlineData("pod overhead", "Pod \"p\": spec.overhead[cpu]: ")]
    [InlineData("revision template", "ControllerRevision \"r\": data.spec.template.spec.containers[0].resources.requests[cpu]: ")]
    [InlineData("standalone template", "PodTemplate \"t\": spec.containers[0].resources.requests[cpu]: ")]
    public void Quantity_Null_ErrorNamesObjectAndField(string description, string prefix)
    {
        var bad = new Dictionary<string, ResourceQuantity> { ["cpu"] = null! };
        var badContainer = new V1Container { Name = "c", Resources = new V1ResourceRequirements { Requests = bad } };
        Action map = description switch
        {
            "node capacity" => () => KubernetesMapper.ToModel(new V1Node { Metadata = new V1ObjectMeta { Name = "n1" }, Status = new V1NodeStatus { Capacity = bad } }),
            "pod init container limits" => () => KubernetesMapper.ToModel(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "p" },
                Spec = new V1PodSpec { InitContainers = [new V1Container { Name = "ok" }, new V1Container { Name = "c", Resources = new V1ResourceRequirements { Limits = bad } }] },
            }),
            "pod overhead" => () => KubernetesMapper.ToModel(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Overhead = bad } }),
            "revision template" => () => KubernetesMapper.ToModel(new V1ControllerRevision
            {
                Metadata = new V1ObjectMeta { Name = "r" },
                Data = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [badContainer] } },
            }),
            _ => () => KubernetesMapper.ToModel(new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Name = "t" }, Spec = new V1PodSpec { Containers = [badContainer] } }),
        };

        var ex = Should.Throw<ApiException>(map);

        ex.Reason.ShouldBe(StatusReason.BadRequest, description);
        ex.Message.ShouldBe(prefix + Quantity.FormatErrorMessage, description);
    }

    [Fact]
    public void ResourceVersion_NotDecimal_ThrowsBadRequest()
    {
        var ex = Should.Throw<ApiException>(() => KubernetesMapper.ToModel(new V1Node { Metadata = new V1ObjectMeta { Name = "n", ResourceVersion = "abc" } }));

        ex.Reason.ShouldBe(StatusReason.BadRequest);
        ex.Message.ShouldBe("Node \"n\": metadata.resourceVersion: resourceVersion \"abc\" is not a decimal number");
    }

    [Fact]
    public void ResourceVersion_Decimal_IsReadAsCounter()
    {
        KubernetesMapper.ToModel(new V1Node { Metadata = new V1ObjectMeta { Name = "n", ResourceVersion = "9000000001" } }).Metadata.ResourceVersion.ShouldBe(9_000_000_001);
    }

    [Fact]
    public void Labels_YamlKeyWithoutValue_IsTheEmptyString()
    {
        var node = KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1Node>("metadata:\n  name: n\n  labels:\n    gpu:\n"));

        node.Labels.ShouldBe(StringMap.Of("gpu", ""));
    }

    private static V1DaemonSet DaemonSetWithMaxUnavailable(string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = "fluentd" },
        Spec = new V1DaemonSetSpec
        {
            UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = value } },
        },
    };
}
