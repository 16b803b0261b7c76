namespace Simulator.Kubernetes.Tests.EndToEnd;

/// <summary>The script contract of <c>kubesim run</c> (docs: kubesim-script.md): lines, <c>!</c>, exit codes, output formats, paths.</summary>
public sealed class ContractTests : IDisposable
{
    private const string DaemonSet = """
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
              - name: fluentd-elasticsearch
                image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        """;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Script(string text) => _dir.Write("scenario.kubesim", text);

    [Fact]
    public void AllLinesSucceed_ExitCode0()
    {
        var run = Kubesim.RunJson(Script("sim nodes create --count 2 --prefix w-\nkubectl create ns logging\n"));

        run.ExitCode.ShouldBe(0);
        run.Lines.Select(l => (l.Line, l.Command, l.ExitCode)).ShouldBe([(1, "sim nodes create --count 2 --prefix w-", 0), (2, "kubectl create ns logging", 0)]);
        run.Lines[1].Output.ShouldBe("namespace/logging created\n");
        run.Lines[1].SimTime.ShouldBe("2025-01-01T00:00:00Z");
    }

    [Fact]
    public void FailingLine_ExitCode1_AndTheRunGoesOn()
    {
        var run = Kubesim.RunJson(Script("kubectl get ds nope -n default\nkubectl create ns logging\n"));

        run.ExitCode.ShouldBe(1);
        run.Lines.Count.ShouldBe(2);
        run.Lines[0].ExitCode.ShouldBe(1);
        run.Lines[0].Output.ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
        run.Lines[1].ExitCode.ShouldBe(0);
    }

    [Fact]
    public void FailedExpect_CountsAsAFailedLine()
    {
        var run = Kubesim.RunJson(Script("sim nodes create --count 2 --prefix w-\nexpect node w-1 has=role=db\n"));

        run.ExitCode.ShouldBe(1);
        run.Lines[1].ExitCode.ShouldBe(1);
    }

    [Fact]
    public void BangLine_InvertsTheOutcome()
    {
        var run = Kubesim.RunJson(Script("! kubectl get ds nope\n! kubectl create ns logging\n"));

        run.ExitCode.ShouldBe(1);
        run.Lines[0].ExitCode.ShouldBe(0);
        run.Lines[0].Command.ShouldBe("! kubectl get ds nope");
        run.Lines[0].Output.ShouldContain("daemonsets.apps \"nope\" not found");
        run.Lines[1].ExitCode.ShouldBe(1);
        run.Lines[1].Output.ShouldStartWith("namespace/logging created\n");
    }

    [Fact]
    public void BangLinesOnly_ThatFail_ExitCode0()
    {
        Kubesim.RunJson(Script("! kubectl get ds nope\n! expect node missing has=a=b\n")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void FailFast_StopsAtTheFirstFailedLine()
    {
        var script = Script("kubectl create ns a\nkubectl get ds nope\nkubectl create ns b\n");

        var run = Kubesim.RunJson(script, "--fail-fast");
        run.ExitCode.ShouldBe(1);
        run.Lines.Select(l => l.Line).ShouldBe([1, 2]);

        Kubesim.RunJson(script).Lines.Count.ShouldBe(3);
    }

    [Fact]
    public void MissingScript_ExitCode2()
    {
        var run = Kubesim.Run("run", Path.Combine(_dir.Path, "does-not-exist.kubesim"));

        run.ExitCode.ShouldBe(2);
        run.Output.ShouldBeEmpty();
        run.Error.ShouldContain("does-not-exist.kubesim");
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("run")]
    [InlineData("run x.kubesim -o xml")]
    [InlineData("run x.kubesim --bogus")]
    public void BadUsage_ExitCode2(string commandLine)
    {
        var run = Kubesim.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        run.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void TextOutput_EchoesEachLine_ThenItsOutput()
    {
        var run = Kubesim.Run("run", Script("kubectl create ns logging\nkubectl get ds nope -n logging\n"));

        run.ExitCode.ShouldBe(1);
        run.Output.ShouldBe(
            "$ kubectl create ns logging\nnamespace/logging created\n"
            + "$ kubectl get ds nope -n logging\nError from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }

    [Fact]
    public void CommentsAndBlankLines_AreSkipped_LineNumbersKept()
    {
        var run = Kubesim.RunJson(Script("# a comment\n\n   \n  # indented comment\nkubectl create ns logging\n"));

        run.ExitCode.ShouldBe(0);
        run.Lines.Count.ShouldBe(1);
        run.Lines[0].Line.ShouldBe(5);
    }

    [Fact]
    public void Paths_AreRelativeToTheScriptFolder()
    {
        _dir.Write("manifests/ds.yaml", DaemonSet);
        var script = _dir.Write("scripts/run.kubesim", "sim nodes create --count 2 --prefix w-\nkubectl create ns logging\nkubectl apply -f ../manifests/ds.yaml\nsim settle\nexpect ds/fluentd -n logging desired=2 ready=2\n");
        var cwd = Environment.CurrentDirectory;

        var run = Kubesim.RunJson(Path.GetRelativePath(cwd, script));

        run.ExitCode.ShouldBe(0, string.Join("\n", run.Lines.Select(l => l.Output)));
        run.Lines[2].Output.ShouldBe("daemonset.apps/fluentd created\n");
    }

    [Fact]
    public void ApplyTwice_Unchanged()
    {
        _dir.Write("ds.yaml", DaemonSet);
        var run = Kubesim.RunJson(Script("kubectl create ns logging\nkubectl apply -f ds.yaml\nkubectl apply -f ds.yaml\n"));

        run.Lines[1].Output.ShouldBe("daemonset.apps/fluentd created\n");
        run.Lines[2].Output.ShouldBe("daemonset.apps/fluentd unchanged\n");
    }

    [Fact]
    public void CreateFromFile_CreatesTheDaemonSet_AndRefusesASecondCreate()
    {
        _dir.Write("ds.yaml", DaemonSet);
        var run = Kubesim.RunJson(Script("kubectl create ns logging\nkubectl create -f ds.yaml\nkubectl create -f ds.yaml\n"));

        run.Lines[1].Output.ShouldBe("daemonset.apps/fluentd created\n");
        run.Lines[1].ExitCode.ShouldBe(0);
        run.Lines[2].ExitCode.ShouldBe(1);
        run.Lines[2].Output.ShouldBe("Error from server (AlreadyExists): error when creating \"ds.yaml\": daemonsets.apps \"fluentd\" already exists\n");
    }

    [Fact]
    public void UnknownLine_Fails()
    {
        var run = Kubesim.RunJson(Script("frobnicate the cluster\nkubectl frobnicate\n"));

        run.ExitCode.ShouldBe(1);
        run.Lines.ShouldAllBe(l => l.ExitCode == 1);
        run.Lines[0].Output.ShouldStartWith("error: ");
        run.Lines[1].Output.ShouldStartWith("error: unknown command \"frobnicate\" for \"kubectl\"");
    }

    [Fact]
    public void SeedAndClock_OnlyBeforeTheFirstEvent()
    {
        var run = Kubesim.RunJson(Script("sim clock set 2030-06-01T12:00:00Z\nsim seed 9\nkubectl create ns logging\nsim nodes create --count 1 --prefix w-\nsim seed 10\n"));

        run.Lines[0].ExitCode.ShouldBe(0);
        run.Lines[1].ExitCode.ShouldBe(0);
        run.Lines[2].SimTime.ShouldBe("2030-06-01T12:00:00Z");
        run.Lines[4].ExitCode.ShouldBe(1);
        run.Lines[4].Output.ShouldContain("only allowed before the first event");
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void NamedGet_NotFound_WithOutputFormat_PrintsOnlyTheError(string format)
    {
        var run = Kubesim.RunJson(Script($"kubectl create ns logging\nkubectl get ds nope -n logging -o {format}\n"));

        run.Lines[1].ExitCode.ShouldBe(1);
        run.Lines[1].Output.ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }

    [Fact]
    public void RolloutHistory_UnknownRevision_ClientSideError()
    {
        _dir.Write("ds.yaml", DaemonSet);
        var run = Kubesim.RunJson(Script("kubectl create ns logging\nkubectl apply -f ds.yaml\nkubectl rollout history ds/fluentd -n logging --revision=5\n"));

        run.Lines[2].ExitCode.ShouldBe(1);
        run.Lines[2].Output.ShouldBe("error: unable to find the specified revision\n");
    }

    [Fact]
    public void JsonOutput_IsOneObjectPerLine_WithTheContractFields()
    {
        var run = Kubesim.RunJson(Script("kubectl create ns logging\n"));
        var line = run.Output.TrimEnd('\n');

        line.ShouldNotContain("\n");
        line.ShouldStartWith("{\"line\":1,\"command\":\"kubectl create ns logging\",\"exitCode\":0,\"output\":\"namespace/logging created\\n\",\"simTime\":\"");
    }
}
