using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Simulator.Kubernetes.Output;

namespace Simulator.Kubernetes.Tests.Output;

public sealed class KubectlOutputTests
{
    private static V1Namespace Ns(string name, IDictionary<string, string>? labels = null, IDictionary<string, string>? annotations = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = labels,
            Annotations = annotations,
            CreationTimestamp = new DateTime(2025, 1, 1, 0, 0, 2, DateTimeKind.Utc),
        },
    };

    private static string Yaml(string key, string value) => KubectlOutput.ToYaml(new JsonObject { [key] = value });

    // ----- JSON -----

    [Fact]
    public void JsonOfOneObjectIsIndentedByFourWithSortedKeys()
    {
        var text = KubectlOutput.Json([Ns("logging", new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" })], asList: false);
        text.ShouldBe("""
            {
                "apiVersion": "v1",
                "kind": "Namespace",
                "metadata": {
                    "creationTimestamp": "2025-01-01T00:00:02Z",
                    "labels": {
                        "a": "2",
                        "z": "1"
                    },
                    "name": "logging"
                }
            }

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void JsonListWrapper()
    {
        var text = KubectlOutput.Json([Ns("a"), Ns("b")], asList: true);
        var root = JsonNode.Parse(text)!.AsObject();
        root.Select(p => p.Key).ShouldBe(["apiVersion", "items", "kind", "metadata"]);
        root["apiVersion"]!.GetValue<string>().ShouldBe("v1");
        root["kind"]!.GetValue<string>().ShouldBe("List");
        root["metadata"]!.ToJsonString().ShouldBe("{\"resourceVersion\":\"\"}");
        root["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["a", "b"]);
        text.ShouldStartWith("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"apiVersion\": \"v1\",");
        text.ShouldEndWith("    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    }

    [Fact]
    public void EmptyJsonList() =>
        KubectlOutput.Json([], asList: true).ShouldBe("{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");

    [Fact]
    public void JsonEscapesHtmlCharactersAsGoDoes()
    {
        // kubectl's JSON printer uses encoding/json, which writes <, > and & as \u003c, \u003e and \u0026.
        var text = KubectlOutput.Json([Ns("a", annotations: new Dictionary<string, string> { ["cmd"] = "a<b&c>d" })], asList: false);
        text.ShouldContain("\"cmd\": \"a\\u003cb\\u0026c\\u003ed\"");
    }

    [Fact]
    public void TimestampsAreWholeSeconds()
    {
        var ns = Ns("a");
        ns.Metadata.CreationTimestamp = new DateTime(2025, 1, 1, 0, 0, 2, DateTimeKind.Utc);
        KubectlOutput.ToJson(ns)["metadata"]!["creationTimestamp"]!.GetValue<string>().ShouldBe("2025-01-01T00:00:02Z");
        KubectlOutput.Yaml([ns], asList: false).ShouldContain("  creationTimestamp: \"2025-01-01T00:00:02Z\"\n");
    }

    [Fact]
    public void NullsAreLeftOut()
    {
        var json = KubectlOutput.ToJson(Ns("a"));
        json["metadata"]!.AsObject().Select(p => p.Key).ShouldBe(["creationTimestamp", "name"]);
        json.ContainsKey("spec").ShouldBeFalse();
        json.ContainsKey("status").ShouldBeFalse();
    }

    // ----- YAML -----

    [Fact]
    public void YamlOfOneObject()
    {
        var text = KubectlOutput.Yaml([Ns("logging", new Dictionary<string, string> { ["team"] = "obs" })], asList: false);
        text.ShouldBe("""
            apiVersion: v1
            kind: Namespace
            metadata:
              creationTimestamp: "2025-01-01T00:00:02Z"
              labels:
                team: obs
              name: logging

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void YamlListWrapper()
    {
        var text = KubectlOutput.Yaml([Ns("a"), Ns("b")], asList: true);
        text.ShouldBe("""
            apiVersion: v1
            items:
            - apiVersion: v1
              kind: Namespace
              metadata:
                creationTimestamp: "2025-01-01T00:00:02Z"
                name: a
            - apiVersion: v1
              kind: Namespace
              metadata:
                creationTimestamp: "2025-01-01T00:00:02Z"
                name: b
            kind: List
            metadata:
              resourceVersion: ""

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void EmptyYamlList() =>
        KubectlOutput.Yaml([], asList: true).ShouldBe("apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");

    [Theory]
    [InlineData("true", "\"true\"")]
    [InlineData("false", "\"false\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("1", "\"1\"")]
    [InlineData("1.0", "\"1.0\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("", "\"\"")]
    [InlineData("2025-01-01T00:00:00Z", "\"2025-01-01T00:00:00Z\"")]
    [InlineData("2025-01-01", "\"2025-01-01\"")]
    public void StringsThatReadBackAsAnotherTypeAreDoubleQuoted(string value, string written) =>
        Yaml("k", value).ShouldBe($"k: {written}\n");

    [Theory]
    [InlineData("*", "'*'")]
    [InlineData("*.example.com", "'*.example.com'")]
    [InlineData("&anchor", "'&anchor'")]
    [InlineData("!tag", "'!tag'")]
    [InlineData("[a]", "'[a]'")]
    [InlineData("{a}", "'{a}'")]
    [InlineData("@at", "'@at'")]
    [InlineData("%pct", "'%pct'")]
    [InlineData("`tick", "'`tick'")]
    [InlineData("#hash", "'#hash'")]
    [InlineData("|pipe", "'|pipe'")]
    [InlineData(">gt", "'>gt'")]
    [InlineData("\"dq", "'\"dq'")]
    [InlineData("'sq", "'''sq'")]
    [InlineData("- dash", "'- dash'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("a #b", "'a #b'")]
    [InlineData(" lead", "' lead'")]
    [InlineData("trail ", "'trail '")]
    public void StringsStartingWithIndicatorsAreSingleQuoted(string value, string written) =>
        Yaml("k", value).ShouldBe($"k: {written}\n");

    [Theory]
    [InlineData("nginx:1.25")]
    [InlineData("quay.io/fluentd_elasticsearch/fluentd:v2.5.2")]
    [InlineData("/var/log")]
    [InlineData("app=fluentd")]
    [InlineData("-x")]
    [InlineData("a,b")]
    [InlineData("100m")]
    [InlineData("v1")]
    [InlineData("node-role.kubernetes.io/control-plane")]
    [InlineData("Waiting for daemon set")]
    public void OrdinaryStringsArePlain(string value) =>
        Yaml("k", value).ShouldBe($"k: {value}\n");

    [Fact]
    public void ColonAtTheStartIsPlainInBlockContext() =>
        // libyaml only refuses a leading ':' in block context when a space follows it.
        Yaml("k", ":x").ShouldBe("k: :x\n");

    [Fact]
    public void Base60LookingStringsAreDoubleQuoted() =>
        // goyaml v2 quotes strings a YAML 1.1 reader would take for sexagesimal numbers.
        Yaml("k", "12:30").ShouldBe("k: \"12:30\"\n");

    [Fact]
    public void KeysFollowTheSameRules() =>
        KubectlOutput.ToYaml(new JsonObject { ["true"] = "x", ["*"] = "y", ["app.kubernetes.io/name"] = "z" })
            .ShouldBe("\"true\": x\n'*': \"y\"\napp.kubernetes.io/name: z\n");

    [Fact]
    public void NumbersBooleansAndNulls() =>
        KubectlOutput.ToYaml(new JsonObject { ["num"] = 30, ["frac"] = 1.5, ["yes"] = true, ["c"] = false })
            .ShouldBe("num: 30\nfrac: 1.5\n\"yes\": true\nc: false\n");

    [Fact]
    public void EmptyMapAndList() =>
        KubectlOutput.ToYaml(new JsonObject { ["annotations"] = new JsonObject(), ["items"] = new JsonArray() })
            .ShouldBe("annotations: {}\nitems: []\n");

    [Fact]
    public void SequencesAreNotIndentedUnderTheirKey()
    {
        var node = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(
                    new JsonObject
                    {
                        ["image"] = "nginx",
                        ["name"] = "c1",
                        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 80, ["protocol"] = "TCP" }),
                        ["args"] = new JsonArray("-v", "--x=1"),
                    },
                    new JsonObject { ["name"] = "c2", ["env"] = new JsonArray(), ["resources"] = new JsonObject() }),
            },
        };

        KubectlOutput.ToYaml(node).ShouldBe("""
            spec:
              containers:
              - image: nginx
                name: c1
                ports:
                - containerPort: 80
                  protocol: TCP
                args:
                - -v
                - --x=1
              - name: c2
                env: []
                resources: {}

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SequenceOfScalarsNeedingQuotes() =>
        KubectlOutput.ToYaml(new JsonObject { ["values"] = new JsonArray("true", "*", "x") })
            .ShouldBe("values:\n- \"true\"\n- '*'\n- x\n");

    [Fact]
    public void MultiLineStringsAreLiteralBlocks()
    {
        KubectlOutput.ToYaml(new JsonObject { ["m"] = new JsonObject { ["a"] = "line1\nline2\n" } })
            .ShouldBe("m:\n  a: |\n    line1\n    line2\n");
        KubectlOutput.ToYaml(new JsonObject { ["a"] = "line1\nline2" })
            .ShouldBe("a: |-\n  line1\n  line2\n");
    }

    [Fact]
    public void LastAppliedAnnotationIsALiteralBlock()
    {
        var lastApplied = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"annotations\":{},\"name\":\"logging\"}}\n";
        var ns = Ns("logging", annotations: new Dictionary<string, string> { ["kubectl.kubernetes.io/last-applied-configuration"] = lastApplied });

        KubectlOutput.Yaml([ns], asList: false).ShouldBe("""
            apiVersion: v1
            kind: Namespace
            metadata:
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: |
                  {"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"logging"}}
              creationTimestamp: "2025-01-01T00:00:02Z"
              name: logging

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void DaemonSetYamlShape()
    {
        var ds = new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = new V1ObjectMeta { Name = "fluentd", NamespaceProperty = "logging" },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["name"] = "fluentd" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["name"] = "fluentd" } },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "f", Image = "fluentd:v1" }],
                        Tolerations = [new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists", Effect = "NoSchedule" }],
                    },
                },
                UpdateStrategy = new V1DaemonSetUpdateStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = (IntOrString)1, MaxSurge = (IntOrString)"10%" },
                },
            },
        };

        KubectlOutput.Yaml([ds], asList: false).ShouldBe("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: fluentd
              namespace: logging
            spec:
              selector:
                matchLabels:
                  name: fluentd
              template:
                metadata:
                  labels:
                    name: fluentd
                spec:
                  containers:
                  - image: fluentd:v1
                    name: f
                  tolerations:
                  - effect: NoSchedule
                    key: node-role.kubernetes.io/control-plane
                    operator: Exists
              updateStrategy:
                rollingUpdate:
                  maxSurge: 10%
                  maxUnavailable: 1
                type: RollingUpdate

            """.ReplaceLineEndings("\n"));
    }
}
