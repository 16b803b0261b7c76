using k8s.Models;
using Simulator.Kubernetes.Manifests;

namespace Simulator.Kubernetes.Tests.Manifests;

public sealed class ManifestReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("manifest-reader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Error(string text, string source = "f.yaml") =>
        Should.Throw<ManifestException>(() => ManifestReader.ReadText(text, source)).Message;

    private static V1DaemonSet ReadDaemonSet(string text) => (V1DaemonSet)ManifestReader.ReadText(text, "ds.yaml").Single().Object;

    // ----- streams, JSON, lists -----

    [Fact]
    public void MultiDocumentStreamSkipsEmptyDocumentsAndComments()
    {
        var text = """
            # the logging stack
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: logging
            ---
            ---
            # only a comment here
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: high   # trailing comment
            value: 1000
            ---
            """;

        var objects = ManifestReader.ReadText(text, "stack.yaml");

        objects.Select(o => (o.Kind, o.Name)).ShouldBe([("Namespace", "logging"), ("PriorityClass", "high")]);
        objects.ShouldAllBe(o => o.Source == "stack.yaml");
        ((V1PriorityClass)objects[1].Object).Value.ShouldBe(1000);
    }

    [Fact]
    public void DocumentLinesAreOneBased()
    {
        var objects = ManifestReader.ReadText("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n");
        objects.Select(o => o.Line).ShouldBe([1, 6]);
    }

    [Fact]
    public void EmptyTextHasNoObjects()
    {
        ManifestReader.ReadText("").ShouldBeEmpty();
        ManifestReader.ReadText("# nothing\n---\n").ShouldBeEmpty();
    }

    [Fact]
    public void JsonInputIsRead()
    {
        var json = """
            {
              "apiVersion": "apps/v1",
              "kind": "DaemonSet",
              "metadata": {"name": "fluentd", "namespace": "logging"},
              "spec": {
                "selector": {"matchLabels": {"name": "fluentd"}},
                "template": {
                  "metadata": {"labels": {"name": "fluentd"}},
                  "spec": {"containers": [{"name": "f", "image": "fluentd:v1", "resources": {"requests": {"cpu": "100m"}}}]}
                }
              }
            }
            """;

        var ds = (V1DaemonSet)ManifestReader.ReadText(json, "ds.json").Single().Object;

        ds.Metadata.Name.ShouldBe("fluentd");
        ds.Metadata.NamespaceProperty.ShouldBe("logging");
        ds.Spec.Template.Spec.Containers.Single().Resources.Requests["cpu"].ToString().ShouldBe("100m");
    }

    [Fact]
    public void ListItemsAreReadInOrder()
    {
        var text = """
            apiVersion: v1
            kind: List
            metadata:
              resourceVersion: ""
            items:
            - apiVersion: v1
              kind: Namespace
              metadata:
                name: a
            - apiVersion: v1
              kind: Node
              metadata:
                name: w1
            """;

        ManifestReader.ReadText(text).Select(o => (o.Kind, o.Name)).ShouldBe([("Namespace", "a"), ("Node", "w1")]);
    }

    [Fact]
    public void EmptyListHasNoObjects() =>
        ManifestReader.ReadText("apiVersion: v1\nkind: List\nitems: []\n").ShouldBeEmpty();

    // ----- paths -----

    [Fact]
    public void FolderReadsOnlyManifestExtensionsInNameOrder()
    {
        File.WriteAllText(Path.Combine(_dir, "b.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n");
        File.WriteAllText(Path.Combine(_dir, "a.json"), """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}""");
        File.WriteAllText(Path.Combine(_dir, "c.yml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: c\n");
        File.WriteAllText(Path.Combine(_dir, "README.md"), "# not a manifest: kind: Foo\n");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "garbage: [\n");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "sub", "d.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: d\n");

        ManifestReader.ReadPath(_dir).Select(o => o.Name).ShouldBe(["a", "b", "c"]);
        ManifestReader.ReadPath(_dir, recursive: true).Select(o => o.Name).ShouldBe(["a", "b", "c", "d"]);
    }

    [Fact]
    public void FolderSourcesNameTheFile()
    {
        File.WriteAllText(Path.Combine(_dir, "ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        ManifestReader.ReadPath(_dir, displayPath: "manifests").Single().Source.ShouldBe(Path.Combine("manifests", "ns.yaml"));
    }

    [Fact]
    public void MissingPathIsKubectlsError()
    {
        var e = Should.Throw<ManifestException>(() => ManifestReader.ReadPath(Path.Combine(_dir, "nope.yaml"), displayPath: "nope.yaml"));
        e.Message.ShouldBe("error: the path \"nope.yaml\" does not exist");
    }

    // ----- syntax -----

    [Fact]
    public void SyntaxErrorNamesFileAndLine()
    {
        var text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a: b\n";
        var message = Error(text, "bad.yaml");
        message.ShouldStartWith("error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 4");
    }

    [Fact]
    public void SyntaxErrorIsWordedAsGoYamlWordsIt()
    {
        // goyaml (behind sigs.k8s.io/yaml) reports "yaml: line N: <problem>"; we add the column, as the issue asks, in kubectl's frame.
        var text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a: b\n";
        Error(text, "bad.yaml").ShouldStartWith("error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 4, column ");
    }

    // ----- kinds -----

    [Fact]
    public void UnknownKindIsNoMatches()
    {
        var message = Error("apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n  namespace: ns1\n", "foo.yaml");
        message.ShouldBe("error: resource mapping not found for name: \"x\" namespace: \"ns1\" from \"foo.yaml\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first");
    }

    [Fact]
    public void UnknownKindMessageHasNoMatchesPhrase() =>
        Error("apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n").ShouldContain("no matches for kind \"Foo\" in version \"v1\"");

    [Fact]
    public void KnownButUnsimulatedKindIsRefusedWithoutClaimingKubernetesLacksIt()
    {
        var text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: nginx
            """;
        var message = Error(text, "web.yaml");
        message.ShouldStartWith("error: ");
        message.ShouldContain("Deployment");
        message.ShouldContain("web.yaml");
        message.ShouldNotContain("no matches for kind");
    }

    [Fact]
    public void MissingKind() =>
        Error("apiVersion: v1\nmetadata:\n  name: x\n", "x.yaml")
            .ShouldBe("error: error validating \"x.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false");

    [Fact]
    public void MissingApiVersion() =>
        Error("kind: Namespace\nmetadata:\n  name: x\n", "x.yaml")
            .ShouldBe("error: error validating \"x.yaml\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false");

    [Fact]
    public void MissingBothReportsApiVersionFirst() =>
        // kubectl's getObjectKind checks apiVersion before kind.
        Error("metadata:\n  name: x\n", "x.yaml")
            .ShouldBe("error: error validating \"x.yaml\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false");

    [Fact]
    public void WrongApiVersionForKnownKindIsNoMatches() =>
        Error("apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata:\n  name: x\n", "x.yaml")
            .ShouldStartWith("error: resource mapping not found for name: \"x\" namespace: \"\" from \"x.yaml\": no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\"\nensure CRDs are installed first");

    // ----- strict field validation -----

    [Fact]
    public void UnknownFieldsAreAllReportedWithPathsAndIndexes()
    {
        var text = ManifestTexts.Fluentd()
            .Replace("  selector:", "  foo: 1\n  selector:", StringComparison.Ordinal)
            .Replace("image: quay", "imagee: x\n        image: quay", StringComparison.Ordinal);
        Error(text, "ds.yaml").ShouldBe(
            "Error from server (BadRequest): error when creating \"ds.yaml\": DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: "
            + "unknown field \"spec.foo\", unknown field \"spec.template.spec.containers[0].imagee\"");
    }

    [Fact]
    public void UnknownTopLevelFieldOfNamespace() =>
        Error("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  lables: {a: b}\n", "ns.yaml").ShouldBe(
            "Error from server (BadRequest): error when creating \"ns.yaml\": Namespace in version \"v1\" cannot be handled as a Namespace: strict decoding error: unknown field \"metadata.lables\"");

    // ----- types -----

    [Fact]
    public void NumberAsLabelValueIsRefused()
    {
        var text = ManifestTexts.Fluentd(extraLabels: "    version: 1.0");
        Error(text, "ds.yaml").ShouldBe(
            "Error from server (BadRequest): error when creating \"ds.yaml\": DaemonSet in version \"v1\" cannot be handled as a DaemonSet: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("true")]
    [InlineData("No")]
    public void Yaml11BooleansAsLabelValueAreRefused(string value)
    {
        var text = ManifestTexts.Fluentd(extraLabels: "    enabled: " + value);
        Error(text, "ds.yaml").ShouldEndWith("json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string");
    }

    [Fact]
    public void QuotedScalarsStayStrings()
    {
        var ds = ReadDaemonSet(ManifestTexts.Fluentd(extraLabels: "    version: \"1.0\"\n    enabled: 'yes'"));
        ds.Metadata.Labels["version"].ShouldBe("1.0");
        ds.Metadata.Labels["enabled"].ShouldBe("yes");
    }

    [Fact]
    public void StringForIntegerFieldIsRefused()
    {
        var text = ManifestTexts.Fluentd().Replace("  selector:", "  minReadySeconds: ten\n  selector:", StringComparison.Ordinal);
        Error(text, "ds.yaml").ShouldEndWith("json: cannot unmarshal string into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32");
    }

    [Fact]
    public void IntegerFieldAcceptsANumber() =>
        ReadDaemonSet(ManifestTexts.Fluentd().Replace("  selector:", "  minReadySeconds: 10\n  selector:", StringComparison.Ordinal)).Spec.MinReadySeconds.ShouldBe(10);

    // ----- quantities -----

    [Fact]
    public void BadQuantityIsTheRegularExpressionMessage()
    {
        var text = ManifestTexts.Fluentd().Replace("cpu: 100m", "cpu: 100x", StringComparison.Ordinal);
        Error(text, "ds.yaml").ShouldBe(
            "Error from server (BadRequest): error when creating \"ds.yaml\": DaemonSet in version \"v1\" cannot be handled as a DaemonSet: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    [Theory]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("100m", "100m")]
    [InlineData("1", "1")]
    [InlineData("0.5", "500m")]
    [InlineData("2e3", "2e3")]
    public void QuantitiesAreStoredInCanonicalForm(string written, string expected)
    {
        var ds = ReadDaemonSet(ManifestTexts.Fluentd().Replace("cpu: 100m", "cpu: " + written, StringComparison.Ordinal));
        ds.Spec.Template.Spec.Containers[0].Resources.Requests["cpu"].ToString().ShouldBe(expected);
    }

    // ----- int or string -----

    [Fact]
    public void MaxUnavailableTakesAnIntegerOrAPercentage()
    {
        string WithMaxUnavailable(string value) => ManifestTexts.Fluentd().Replace(
            "  selector:", $"  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: {value}\n  selector:", StringComparison.Ordinal);

        var one = ReadDaemonSet(WithMaxUnavailable("1")).Spec.UpdateStrategy.RollingUpdate.MaxUnavailable;
        var percent = ReadDaemonSet(WithMaxUnavailable("\"10%\"")).Spec.UpdateStrategy.RollingUpdate.MaxUnavailable;

        one.ShouldNotBeNull();
        one.Value.ShouldBe("1");
        k8s.KubernetesJson.Serialize(one).ShouldBe("1");
        percent.ShouldNotBeNull();
        k8s.KubernetesJson.Serialize(percent).ShouldBe("\"10%\"");
    }

    [Fact]
    public void FromObjectRefusesAnUnservedKind()
    {
        var e = Should.Throw<ManifestException>(() => ManifestReader.FromObject(new V1Namespace { ApiVersion = "v2", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = "x" } }));
        e.Message.ShouldContain("no matches for kind \"Namespace\" in version \"v2\"");
    }
}
