using System.Text.RegularExpressions;

namespace Simulator.Kubernetes.Tests.EndToEnd;

/// <summary>
/// Bad manifests: each apply fails with a clear, kubectl-shaped message naming the problem, and leaves the cluster exactly as it was.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string Good = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
          namespace: logging
          labels:
            app: fluentd-logging
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
              - name: fluentd-elasticsearch
                image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
                resources:
                  requests:
                    cpu: 100m
                    memory: 200Mi
        """;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Applies <paramref name="manifest"/> as <c>bad.yaml</c> on a 2-node cluster, then lists the DaemonSets.</summary>
    private (JsonLine Apply, KubesimRun Run) ApplyBad(string manifest, string extraLines = "")
    {
        _dir.Write("bad.yaml", manifest);
        var script = _dir.Write("bad.kubesim",
            "sim nodes create --count 2 --prefix w-\nkubectl create ns logging\nkubectl apply -f bad.yaml\nsim settle\nkubectl get ds -A\nkubectl get pods -A\n" + extraLines);
        var run = Kubesim.RunJson(script);
        var apply = run.Single("kubectl apply -f bad.yaml");
        apply.ExitCode.ShouldBe(1, apply.Output);
        run.ExitCode.ShouldBe(1);
        run.Single("kubectl get ds -A").Output.ShouldBe("No resources found\n");
        run.Single("kubectl get pods -A").Output.ShouldBe("No resources found\n");
        return (apply, run);
    }

    [Fact]
    public void GoodManifest_IsTheBaseline()
    {
        _dir.Write("good.yaml", Good);
        var run = Kubesim.RunJson(_dir.Write("good.kubesim", "sim nodes create --count 2 --prefix w-\nkubectl create ns logging\nkubectl apply -f good.yaml\n"));

        run.ExitCode.ShouldBe(0);
        run.Lines[2].Output.ShouldBe("daemonset.apps/fluentd created\n");
    }

    [Fact]
    public void TruncatedYaml_SyntaxErrorWithFileAndLine()
    {
        var truncated = Good[..Good.IndexOf("      containers:", StringComparison.Ordinal)] + "      containers:\n      - name: \"fluentd-elasticsearch\n";

        var (apply, _) = ApplyBad(truncated);

        apply.Output.ShouldStartWith("error: error parsing bad.yaml: error converting YAML to JSON: yaml: line ");
        Regex.IsMatch(apply.Output, @"yaml: line \d+").ShouldBeTrue(apply.Output);
    }

    [Fact]
    public void WrongIndentation_SyntaxErrorWithFileAndLine()
    {
        var bad = Good.Replace("  namespace: logging", "   namespace: logging", StringComparison.Ordinal);

        var (apply, _) = ApplyBad(bad);

        apply.Output.ShouldStartWith("error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5");
    }

    [Fact]
    public void TabIndentation_SyntaxError()
    {
        var (apply, _) = ApplyBad(Good.Replace("  namespace: logging", "\tnamespace: logging", StringComparison.Ordinal));

        apply.Output.ShouldStartWith("error: error parsing bad.yaml: error converting YAML to JSON: yaml: line ");
    }

    [Fact]
    public void UnknownKind_NoMatchesForKind()
    {
        var (apply, _) = ApplyBad(Good.Replace("kind: DaemonSet", "kind: DaemonSett", StringComparison.Ordinal));

        apply.Output.ShouldBe(
            "error: resource mapping not found for name: \"fluentd\" namespace: \"logging\" from \"bad.yaml\": no matches for kind \"DaemonSett\" in version \"apps/v1\"\n"
            + "ensure CRDs are installed first\n");
    }

    [Fact]
    public void WrongApiVersion_NoMatchesForKind()
    {
        var (apply, _) = ApplyBad(Good.Replace("apiVersion: apps/v1", "apiVersion: extensions/v1beta1", StringComparison.Ordinal));

        apply.Output.ShouldContain("no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\"");
    }

    [Fact]
    public void InvalidQuantity_RegularExpressionMessage()
    {
        var (apply, _) = ApplyBad(Good.Replace("cpu: 100m", "cpu: 100x", StringComparison.Ordinal));

        apply.Output.ShouldBe(
            "Error from server (BadRequest): error when creating \"bad.yaml\": DaemonSet in version \"v1\" cannot be handled as a DaemonSet: "
            + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n");
    }

    [Fact]
    public void SelectorNotMatchingTemplateLabels_Invalid()
    {
        var bad = Good.Replace("      labels:\n        name: fluentd", "      labels:\n        name: other", StringComparison.Ordinal);
        bad.ShouldNotBe(Good);

        var (apply, _) = ApplyBad(bad);

        apply.Output.ShouldBe(
            "Error from server (Invalid): error when creating \"bad.yaml\": DaemonSet.apps \"fluentd\" is invalid: spec.template.metadata.labels: "
            + "Invalid value: map[string]string{\"name\":\"other\"}: `selector` does not match template `labels`\n");
    }

    [Fact]
    public void UnknownField_StrictDecodingError()
    {
        var (apply, _) = ApplyBad(Good.Replace("    image: ", "    imagex: ", StringComparison.Ordinal));

        apply.Output.ShouldBe(
            "Error from server (BadRequest): error when creating \"bad.yaml\": DaemonSet in version \"v1\" cannot be handled as a DaemonSet: "
            + "strict decoding error: unknown field \"spec.template.spec.containers[0].imagex\"\n");
    }

    [Fact]
    public void UnquotedNumericLabelValue_TypeError()
    {
        var (apply, _) = ApplyBad(Good.Replace("    app: fluentd-logging", "    version: 1.0", StringComparison.Ordinal));

        apply.Output.ShouldBe(
            "Error from server (BadRequest): error when creating \"bad.yaml\": DaemonSet in version \"v1\" cannot be handled as a DaemonSet: "
            + "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string\n");
    }

    [Fact]
    public void QuotedNumericLabelValue_IsFine()
    {
        _dir.Write("ok.yaml", Good.Replace("    app: fluentd-logging", "    version: \"1.0\"", StringComparison.Ordinal));
        var run = Kubesim.RunJson(_dir.Write("ok.kubesim", "kubectl create ns logging\nkubectl apply -f ok.yaml\nkubectl get ds -n logging --show-labels\n"));

        run.ExitCode.ShouldBe(0);
        run.Lines[2].Output.ShouldContain("version=1.0");
    }

    [Fact]
    public void MultiObjectFile_SecondInvalid_NothingCreated()
    {
        var manifest = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: first-ns\n---\n"
            + Good.Replace("namespace: logging", "namespace: first-ns", StringComparison.Ordinal).Replace("cpu: 100m", "cpu: 100x", StringComparison.Ordinal);

        var (apply, run) = ApplyBad(manifest, "kubectl get ns first-ns\n");

        apply.Output.ShouldContain("quantities must match the regular expression");
        apply.Output.ShouldNotContain("created");
        var ns = run.Single("kubectl get ns first-ns");
        ns.ExitCode.ShouldBe(1);
        ns.Output.ShouldBe("Error from server (NotFound): namespaces \"first-ns\" not found\n");
    }

    [Fact]
    public void MultiObjectFile_TwoDaemonSets_SecondInvalid_FirstNotCreated()
    {
        var manifest = Good.Replace("name: fluentd\n  namespace", "name: first\n  namespace", StringComparison.Ordinal) + "\n---\n"
            + Good.Replace("    image: ", "    imagex: ", StringComparison.Ordinal);

        var (apply, run) = ApplyBad(manifest, "kubectl get ds first -n logging\n");

        apply.Output.ShouldContain("unknown field \"spec.template.spec.containers[0].imagex\"");
        run.Single("kubectl get ds first -n logging").Output.ShouldBe("Error from server (NotFound): daemonsets.apps \"first\" not found\n");
    }

    [Fact]
    public void MultiObjectFile_SecondFailsValidation_FirstNotCreated()
    {
        var manifest = Good.Replace("name: fluentd\n  namespace", "name: first\n  namespace", StringComparison.Ordinal) + "\n---\n"
            + Good.Replace("      labels:\n        name: fluentd", "      labels:\n        name: other", StringComparison.Ordinal);

        var (apply, run) = ApplyBad(manifest, "kubectl get ds first -n logging\n");

        apply.Output.ShouldContain("`selector` does not match template `labels`");
        run.Single("kubectl get ds first -n logging").ExitCode.ShouldBe(1);
    }

    [Fact]
    public void MissingFile_PathDoesNotExist()
    {
        var run = Kubesim.RunJson(_dir.Write("missing.kubesim", "kubectl apply -f nothing-here.yaml\n"));

        run.ExitCode.ShouldBe(1);
        run.Lines[0].Output.ShouldBe("error: the path \"nothing-here.yaml\" does not exist\n");
    }

    [Fact]
    public void BadUpdate_LeavesTheRunningDaemonSetAsItWas()
    {
        _dir.Write("good.yaml", Good);
        _dir.Write("bad.yaml", Good.Replace("cpu: 100m", "cpu: 100x", StringComparison.Ordinal).Replace("v2.5.2", "v2.6.0", StringComparison.Ordinal));
        var run = Kubesim.RunJson(_dir.Write("update.kubesim",
            "sim nodes create --count 2 --prefix w-\nkubectl create ns logging\nkubectl apply -f good.yaml\nsim settle\nkubectl apply -f bad.yaml\nsim settle\n"
            + "kubectl rollout history ds/fluentd -n logging\nexpect ds/fluentd -n logging desired=2 updated=2 ready=2\nkubectl get ds fluentd -n logging -o wide\n"));

        run.Single("kubectl apply -f bad.yaml").ExitCode.ShouldBe(1);
        run.Single("kubectl rollout history ds/fluentd -n logging").Output.ShouldBe("daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n\n");
        run.Single("expect ds/fluentd -n logging desired=2 updated=2 ready=2").ExitCode.ShouldBe(0);
        run.Single("kubectl get ds fluentd -n logging -o wide").Output.ShouldContain("fluentd:v2.5.2");
    }
}
