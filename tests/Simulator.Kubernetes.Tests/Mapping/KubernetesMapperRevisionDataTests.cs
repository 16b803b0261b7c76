using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes.Tests.Mapping;

// V1ControllerRevision.Data is typed object: KubernetesJson leaves a JsonElement there, KubernetesYaml a Dictionary<object, object> tree.
public class KubernetesMapperRevisionDataTests
{
    private const string RevisionJson = """
        {"apiVersion":"apps/v1","kind":"ControllerRevision",
         "metadata":{"name":"fluentd-6d8f7c9b5","namespace":"logging","labels":{"controller-revision-hash":"6d8f7c9b5","name":"fluentd"}},
         "revision":2,
         "data":{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"name":"fluentd","version":"1.0"}},
           "spec":{"containers":[{"name":"fluentd","image":"fluentd:v2","ports":[{"containerPort":24224,"hostPort":24224}],
             "resources":{"requests":{"cpu":"100m","memory":"1.5Gi"}},"securityContext":{"privileged":true}}],
             "hostNetwork":true,"terminationGracePeriodSeconds":30,
             "tolerations":[{"operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]}}}}}
        """;

    private const string RevisionYaml = """
        apiVersion: apps/v1
        kind: ControllerRevision
        metadata:
          name: fluentd-6d8f7c9b5
          namespace: logging
          labels: {controller-revision-hash: 6d8f7c9b5, name: fluentd}
        revision: 2
        data:
          spec:
            template:
              $patch: replace
              metadata:
                labels: {name: fluentd, version: "1.0"}
              spec:
                containers:
                - name: fluentd
                  image: fluentd:v2
                  ports: [{containerPort: 24224, hostPort: 24224}]
                  resources:
                    requests: {cpu: 100m, memory: 1.5Gi}
                  securityContext: {privileged: true}
                hostNetwork: true
                terminationGracePeriodSeconds: 30
                tolerations: [{operator: Exists, effect: NoExecute, tolerationSeconds: 300}]
        """;

    private static readonly PodTemplateSpec Expected = new()
    {
        Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd", "version", "1.0") },
        Spec = new PodSpec
        {
            RestartPolicy = "",
            SchedulerName = "",
            HostNetwork = true,
            TerminationGracePeriodSeconds = 30,
            Tolerations = EquatableArray.Create(new Toleration(Operator: "Exists", Effect: "NoExecute", TolerationSeconds: 300)),
            Containers = EquatableArray.Create(new Container
            {
                Name = "fluentd",
                Image = "fluentd:v2",
                Ports = EquatableArray.Create(new ContainerPort(24224, 24224, "")),
                Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "100m", "memory", "1536Mi") },
                SecurityContext = new SecurityContext { Privileged = true },
            }),
        },
    };

    [Fact]
    public void ToModel_DataAfterKubernetesJson_IsAJsonElementAndMaps()
    {
        var v1 = KubernetesJson.Deserialize<V1ControllerRevision>(RevisionJson);

        v1.Data.ShouldBeOfType<JsonElement>();
        var revision = KubernetesMapper.ToModel(v1);
        revision.Data.ShouldBe(Expected);
        revision.Revision.ShouldBe(2);
        revision.Hash.ShouldBe("6d8f7c9b5");
    }

    [Fact]
    public void ToModel_DataAfterKubernetesYaml_IsADictionaryAndMaps()
    {
        var v1 = KubernetesYaml.Deserialize<V1ControllerRevision>(RevisionYaml);

        v1.Data.ShouldBeOfType<Dictionary<object, object>>();
        KubernetesMapper.ToModel(v1).Data.ShouldBe(Expected);
    }

    [Fact]
    public void ToModel_DataAsJsonNodeStringBytesOrTemplate_Maps()
    {
        var data = JsonNode.Parse(RevisionJson)!["data"]!;
        var text = data.ToJsonString();
        var yaml = RevisionYaml[RevisionYaml.IndexOf("  spec:", StringComparison.Ordinal)..].Replace("\n  ", "\n", StringComparison.Ordinal).TrimStart();
        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(data["spec"]!["template"]!.ToJsonString());

        Map(data).ShouldBe(Expected);
        Map(text).ShouldBe(Expected);
        Map(yaml).ShouldBe(Expected);
        Map(System.Text.Encoding.UTF8.GetBytes(text)).ShouldBe(Expected);
        Map(template).ShouldBe(Expected);
        data["spec"]!["template"]!["$patch"]!.GetValue<string>().ShouldBe("replace");
    }

    [Fact]
    public void ToModel_DataWithoutTemplate_GivesAnEmptyTemplate()
    {
        // Absent, not the model's constructor defaults, so the simulation's defaulting fills restartPolicy and schedulerName.
        var empty = new PodTemplateSpec { Spec = new PodSpec { RestartPolicy = "", SchedulerName = "" } };

        Map(null).ShouldBe(empty);
        Map(JsonNode.Parse("{}")).ShouldBe(empty);
        Map(new Dictionary<string, object> { ["spec"] = new Dictionary<string, object>() }).ShouldBe(empty);
    }

    [Theory]
    [InlineData("data that is a list", "[1,2]", "ControllerRevision \"r\": data: must be a JSON object")]
    [InlineData("a template that is a string", """{"spec":{"template":"x"}}""", "ControllerRevision \"r\": data.spec.template: must be a JSON object")]
    public void ToModel_DataOfTheWrongShape_ThrowsBadRequest(string description, string json, string message)
    {
        var ex = Should.Throw<ApiException>(() => Map(JsonNode.Parse(json)));

        ex.Reason.ShouldBe(StatusReason.BadRequest, description);
        ex.Message.ShouldBe(message, description);
    }

    [Fact]
    public void ToModel_DataOfAnUnknownType_ThrowsBadRequest()
    {
        var ex = Should.Throw<ApiException>(() => Map(42));

        ex.Reason.ShouldBe(StatusReason.BadRequest);
        ex.Message.ShouldBe("ControllerRevision \"r\": data: unsupported data of type System.Int32");
    }

    [Fact]
    public void ToModel_BadQuantityInsideJsonData_ThrowsBadRequestNamingData()
    {
        var ex = Should.Throw<ApiException>(() => Map(JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"c","resources":{"requests":{"cpu":"abc"}}}]}}}}""")));

        ex.Reason.ShouldBe(StatusReason.BadRequest);
        ex.Message.ShouldStartWith("ControllerRevision \"r\": data: ");
    }

    [Fact]
    public void ToKubernetes_Data_SerialisesAsTheControllersReplacePatch()
    {
        var revision = new ControllerRevision { Metadata = ObjectMeta.Named("r", "logging"), Revision = 1, Data = Expected };

        var json = KubernetesJson.Serialize(KubernetesMapper.ToKubernetes(revision));

        json.ShouldContain("\"data\":{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"labels\":{\"name\":\"fluentd\",\"version\":\"1.0\"}},\"spec\":{");
        var template = JsonNode.Parse(json)!["data"]!["spec"]!["template"]!;
        template["$patch"]!.GetValue<string>().ShouldBe("replace");
        template["spec"]!["containers"]![0]!["resources"]!["requests"]!["memory"]!.GetValue<string>().ShouldBe("1536Mi");
        template["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<long>().ShouldBe(24224);
        template["spec"]!["hostNetwork"]!.GetValue<bool>().ShouldBeTrue();
        template["spec"]!["tolerations"]![0]!["tolerationSeconds"]!.GetValue<long>().ShouldBe(300);
        template["spec"]!.AsObject().ContainsKey("restartPolicy").ShouldBeFalse();
    }

    [Fact]
    public void ToKubernetes_Data_SerialisesToYamlAsADocumentTree()
    {
        var revision = new ControllerRevision { Metadata = ObjectMeta.Named("r", "logging"), Revision = 1, Data = Expected };

        var yaml = KubernetesYaml.Serialize(KubernetesMapper.ToKubernetes(revision));

        yaml.ShouldContain("data:\n  spec:\n    template:\n      $patch: replace\n      metadata:\n        labels:\n          name: fluentd\n          version: \"1.0\"\n");
        yaml.ShouldContain("containerPort: 24224");
    }

    private static PodTemplateSpec Map(object? data) =>
        KubernetesMapper.ToModel(new V1ControllerRevision { Metadata = new V1ObjectMeta { Name = "r" }, Data = data }).Data;
}
