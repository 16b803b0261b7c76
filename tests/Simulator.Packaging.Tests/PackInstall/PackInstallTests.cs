using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Simulator.Packaging.Tests.Support;
using Xunit.Abstractions;

namespace Simulator.Packaging.Tests.PackInstall;

/// <summary>
/// Uses the packages as a user does: from a throwaway project outside the repository (so the repository's
/// Directory.Build.props and central versions do not apply) that references them by version from a local package source.
/// </summary>
[Collection(PackInstallCollection.Name)]
[Trait("Category", "PackInstall")]
public sealed partial class PackInstallTests(PackedPackages packages, ITestOutputHelper log)
{
    private static readonly string[] UserFacingPackages = ["Simulator", "Simulator.Kubernetes", "Simulator.Testing"];

    // The seed guide's cluster in miniature: three workers, worker-2 tainted with the taint the guide puts on k8s-worker-2.
    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: logging
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-1
          labels: {kubernetes.io/hostname: worker-1, kubernetes.io/os: linux}
        status:
          capacity: {cpu: "4", memory: 16Gi, pods: "110"}
          allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
          conditions: [{type: Ready, status: "True", reason: KubeletReady}]
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-2
          labels: {kubernetes.io/hostname: worker-2, kubernetes.io/os: linux}
        spec:
          taints: [{key: app, value: fluentd-logging, effect: NoExecute}]
        status:
          capacity: {cpu: "4", memory: 16Gi, pods: "110"}
          allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
          conditions: [{type: Ready, status: "True", reason: KubeletReady}]
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-3
          labels: {kubernetes.io/hostname: worker-3, kubernetes.io/os: linux}
        status:
          capacity: {cpu: "4", memory: 16Gi, pods: "110"}
          allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
          conditions: [{type: Ready, status: "True", reason: KubeletReady}]
        ---

        """;

    private const string ConsoleProgram = """
        using Simulator.Engine;
        using Simulator.Kubernetes.Manifests;

        var sim = new Simulation(new SimulationOptions { Seed = 7 });
        var applied = ManifestApplier.Apply(sim, ManifestReader.ReadPath(args[0]), ApplyMode.Apply);
        foreach (var line in applied.Lines)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"settled={sim.RunUntilSettled().Settled}");
        var fluentd = sim.State.GetDaemonSet("logging", "fluentd") ?? throw new InvalidOperationException("no logging/fluentd");
        Console.WriteLine($"desired={fluentd.Status.DesiredNumberScheduled} ready={fluentd.Status.NumberReady}");
        foreach (var pod in sim.State.PodsControlledBy(fluentd.Metadata.Uid).OrderBy(p => p.Spec.NodeName, StringComparer.Ordinal))
        {
            Console.WriteLine($"pod on {pod.Spec.NodeName}: {pod.Status.Phase}");
        }

        Console.WriteLine("worker-2: " + sim.ExplainPlacement("logging", "fluentd", "worker-2").Summary());
        """;

    private static string TargetFramework =>
        XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("TargetFramework").First().Value.Trim();

    /// <summary>(d) What each package file holds: assembly, docs, README, licence, repository and symbols.</summary>
    [Fact]
    public void Packages_EveryProjectUnderSrc_HasAssemblyDocsReadmeLicenceRepositoryAndSymbols()
    {
        var tfm = TargetFramework;
        foreach (var (_, id, isTool) in packages.Packable)
        {
            var nupkg = packages.NupkgPath(id);
            File.Exists(nupkg).ShouldBeTrue($"{id}: no {Path.GetFileName(nupkg)} in {packages.PackageDirectory} ({packages.Source})");
            using var package = ZipFile.OpenRead(nupkg);
            var files = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            log.WriteLine($"{Path.GetFileName(nupkg)}:\n  " + string.Join("\n  ", files.Order(StringComparer.Ordinal)));

            var assemblyFolder = isTool ? $"tools/{tfm}/any/" : $"lib/{tfm}/";
            var assembly = isTool ? ToolCommandAssembly(package) : id;
            files.ShouldContain(assemblyFolder + assembly + ".dll", $"{id}: the assembly");
            files.ShouldContain(assemblyFolder + assembly + ".xml", $"{id}: the XML docs");
            files.ShouldContain("README.md", $"{id}: the package page");
            files.ShouldContain("LICENSE", $"{id}: the licence file");
            if (isTool)
            {
                files.ShouldContain($"tools/{tfm}/any/DotnetToolSettings.xml");
            }

            var metadata = PackedPackages.Nuspec(package).Element("metadata")!;
            metadata.Element("version")!.Value.ShouldBe(packages.Version);
            // The plotting library embeds the DejaVu Sans font (Bitstream Vera licence), and the tool carries that library.
            var withFont = id is "Simulator.Plotting" or "kubesim";
            metadata.Element("license")!.Value.ShouldBe(withFont ? "MIT AND Bitstream-Vera" : "MIT");
            if (withFont)
            {
                files.ShouldContain("LICENSE-DejaVu.txt", $"{id}: the font's licence");
            }

            metadata.Element("license")!.Attribute("type")!.Value.ShouldBe("expression");
            metadata.Element("readme")!.Value.ShouldBe("README.md");
            metadata.Element("description")!.Value.Length.ShouldBeGreaterThan(40, $"{id}: a real description");
            metadata.Element("tags")!.Value.Split(' ').ShouldContain("daemonset");
            var repository = metadata.Element("repository")!;
            repository.Attribute("type")!.Value.ShouldBe("git");
            repository.Attribute("url")!.Value.ShouldStartWith("https://");
            var commit = repository.Attribute("commit")?.Value ?? "";
            commit.ShouldMatch("^[0-9a-f]{40}$", $"{id}: the commit the package was built from");
            metadata.Element("projectUrl")!.Value.ShouldBe(repository.Attribute("url")!.Value);
            using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
            {
                readme.ReadToEnd().ShouldContain(id, Case.Sensitive, $"{id}: README.md is this package's page");
            }

            if (!isTool)
            {
                foreach (var dependency in metadata.Descendants("dependency").Where(d => packages.Packable.Any(p => p.PackageId == (string)d.Attribute("id")!)))
                {
                    dependency.Attribute("version")!.Value.ShouldBe(packages.Version, $"{id} depends on the {dependency.Attribute("id")!.Value} packed with it");
                }
            }

            var snupkg = packages.SnupkgPath(id);
            File.Exists(snupkg).ShouldBeTrue($"{id}: no symbol package {Path.GetFileName(snupkg)}");
            using var symbols = ZipFile.OpenRead(snupkg);
            log.WriteLine($"{Path.GetFileName(snupkg)}:\n  " + string.Join("\n  ", symbols.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal)));
            var pdb = symbols.GetEntry(assemblyFolder + assembly + ".pdb");
            pdb.ShouldNotBeNull($"{id}: the .snupkg holds {assemblyFolder}{assembly}.pdb");
            SourceLinkOf(pdb).ShouldContain($"/{commit}/", Case.Sensitive, $"{id}: SourceLink maps the sources to the packed commit");
        }
    }

    /// <summary>(a) A console program loads a YAML manifest through Simulator.Kubernetes and prints where the daemon pods run.</summary>
    [Fact]
    public void ConsoleProgram_ManifestThroughPackages_PrintsWhereDaemonPodsRun()
    {
        var dir = packages.NewDirectory("console");
        File.WriteAllText(Path.Combine(dir, "cluster.yaml"), ClusterWithSeedDaemonSet());
        File.WriteAllText(Path.Combine(dir, "Program.cs"), ConsoleProgram);
        File.WriteAllText(Path.Combine(dir, "PackInstallConsole.csproj"), Csproj(
            """
                <OutputType>Exe</OutputType>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            """,
            UserFacingPackages.Select(PackageReference)));

        var run = Dotnet(dir, "run", "--", "cluster.yaml");

        var lines = Lines(run.Output);
        lines.ShouldContain("namespace/logging created", run.Describe());
        lines.ShouldContain("node/worker-2 created", run.Describe());
        lines.ShouldContain("daemonset.apps/fluentd created", run.Describe());
        lines.ShouldContain("settled=True", run.Describe());
        lines.ShouldContain("desired=2 ready=2", run.Describe());
        lines.Where(l => l.StartsWith("pod on ", StringComparison.Ordinal))
            .ShouldBe(["pod on worker-1: Running", "pod on worker-3: Running"], run.Describe());
        lines.Single(l => l.StartsWith("worker-2: ", StringComparison.Ordinal))
            .ShouldContain("taint app=fluentd-logging:NoExecute is not tolerated", Case.Sensitive, run.Describe());
    }

    /// <summary>(b) The UserTests sample's test files, built against the packages instead of the projects, pass.</summary>
    [Fact]
    public void UserTestsSample_AgainstPackages_Passes()
    {
        var sample = Repository.PathOf("samples", "UserTests");
        var dir = packages.NewDirectory("usertests");
        var sources = Directory.GetFiles(sample, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(sample, f)))
            .ToList();
        sources.ShouldNotBeEmpty();
        foreach (var file in sources)
        {
            var target = Path.Combine(dir, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(dir, "UserTests.csproj"), Csproj(
            """
                <IsTestProject>true</IsTestProject>
                <IsPackable>false</IsPackable>
            """,
            UserTestsReferences(Path.Combine(sample, "UserTests.csproj"))));

        var test = Dotnet(dir, "test");

        var summary = TestSummary().Match(test.Output);
        summary.Success.ShouldBeTrue("no test summary line\n" + test.Describe());
        log.WriteLine(summary.Value);
        int.Parse(summary.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0, test.Describe());
        int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0, test.Describe());
    }

    /// <summary>(c) The kubesim tool installs from the package folder as a local tool and runs a script.</summary>
    [Fact]
    public void KubesimTool_InstalledAsLocalTool_RunsScenario()
    {
        var tool = packages.Packable.Single(p => p.IsTool).PackageId;
        var dir = packages.NewDirectory("tool");
        File.WriteAllText(Path.Combine(dir, "cluster.yaml"), ClusterWithSeedDaemonSet());
        File.WriteAllText(Path.Combine(dir, "check.kubesim"), """
            kubectl apply -f cluster.yaml
            sim settle
            expect ds/fluentd -n logging desired=2 current=2 ready=2 updated=2 available=2
            expect pods -l name=fluentd -n logging on=worker-1,worker-3
            kubectl get pods -n logging -o wide

            """);

        Dotnet(dir, "new", "tool-manifest");
        Dotnet(dir, "tool", "install", tool, "--version", packages.Version, "--add-source", packages.PackageDirectory);
        var help = Dotnet(dir, "tool", "run", "kubesim", "--", "--help");
        var run = Dotnet(dir, "tool", "run", "kubesim", "--", "run", "check.kubesim");

        help.Output.ShouldContain("run", Case.Sensitive, help.Describe());
        run.Output.ShouldContain("daemonset.apps/fluentd created", Case.Sensitive, run.Describe());
        var podLines = Lines(run.Output).Where(l => l.StartsWith("fluentd-", StringComparison.Ordinal)).ToList();
        podLines.Count.ShouldBe(2, run.Describe());
        podLines.ShouldContain(l => l.Contains("worker-1", StringComparison.Ordinal), run.Describe());
        podLines.ShouldContain(l => l.Contains("worker-3", StringComparison.Ordinal), run.Describe());
        podLines.ShouldAllBe(l => l.Contains("Running", StringComparison.Ordinal), run.Describe());
    }

    /// <summary>
    /// (e) The C# example on each library's package page (the README.md inside the .nupkg) builds against the packages, and the
    /// programs among them run in a folder holding <c>cluster/</c> (the manifest of the other tests).
    /// </summary>
    [Fact]
    public void PackagePages_CSharpExamples_BuildAndRunAgainstThePackages()
    {
        var root = packages.NewDirectory("examples");
        Directory.CreateDirectory(Path.Combine(root, "cluster"));
        File.WriteAllText(Path.Combine(root, "cluster", "cluster.yaml"), ClusterWithSeedDaemonSet());
        var libraries = packages.Packable.Where(p => !p.IsTool).Select(p => p.PackageId).ToList();
        var versions = Repository.CentralPackageVersions();
        var programs = new List<string>();
        foreach (var id in libraries)
        {
            using var package = ZipFile.OpenRead(packages.NupkgPath(id));
            using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
            var examples = CSharpBlock().Matches(reader.ReadToEnd()).Select(m => m.Groups["code"].Value).ToList();
            examples.Count.ShouldBe(1, $"{id}: its package page (src/{id}/PACKAGE.md) shows one C# example");
            var code = examples[0];
            var isTest = code.Contains("[Fact]", StringComparison.Ordinal) || code.Contains("[Property", StringComparison.Ordinal);
            var dir = Path.Combine(root, id);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Example.cs"), code);
            var references = libraries.Select(PackageReference).ToList();
            if (isTest)
            {
                references.Add($"""<PackageReference Include="xunit" Version="{versions["xunit"]}" />""");
            }
            else
            {
                programs.Add(id);
            }

            File.WriteAllText(Path.Combine(dir, $"{id}.Example.csproj"), Csproj(
                $"""
                    <OutputType>{(isTest ? "Library" : "Exe")}</OutputType>
                """,
                references));
        }

        File.WriteAllText(Path.Combine(root, "examples.slnx"),
            "<Solution>\n" + string.Join("", libraries.Select(id => $"  <Project Path=\"{id}/{id}.Example.csproj\" />\n")) + "</Solution>\n");
        Dotnet(root, "build", "examples.slnx");

        // What each program's comments promise, where the test can see it.
        var promised = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Simulator"] = "should not run on worker-2: taint app=fluentd-logging:NoExecute is not tolerated",
            ["Simulator.Kubernetes"] = "daemonset.apps/fluentd created",
        };
        programs.ShouldNotBeEmpty();
        foreach (var id in programs)
        {
            var run = Dotnet(root, Path.Combine(root, id, "bin", "Debug", TargetFramework, $"{id}.Example.dll"));
            if (promised.TryGetValue(id, out var text))
            {
                run.Output.ShouldContain(text, Case.Sensitive, run.Describe());
            }
        }

        if (programs.Contains("Simulator.Plotting"))
        {
            new FileInfo(Path.Combine(root, "rollout.png")).Length.ShouldBeGreaterThan(1000);
            new FileInfo(Path.Combine(root, "placement.svg")).Length.ShouldBeGreaterThan(1000);
        }
    }

    private bool _toldPackages;

    private ProcessResult Dotnet(string dir, params string[] args)
    {
        if (!_toldPackages)
        {
            log.WriteLine($"packages {packages.Version} ({packages.Source}) in {packages.PackageDirectory}, ready after {packages.PackDuration.TotalSeconds:F1} s");
            _toldPackages = true;
        }

        var result = ProcessRunner.DotnetOk(dir, PackedPackages.CommandTimeout, args);
        log.WriteLine($"$ {result.CommandLine}: {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static string ClusterWithSeedDaemonSet() =>
        Cluster + File.ReadAllText(Repository.PathOf("samples", "seed-tutorial", "daemonset.yaml"));

    private static string Csproj(string properties, IEnumerable<string> references) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>{TargetFramework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
        {properties}
          </PropertyGroup>
          <ItemGroup>
        {string.Join('\n', references.Select(r => "    " + r))}
          </ItemGroup>
        </Project>
        """;

    private string PackageReference(string id) => $"""<PackageReference Include="{id}" Version="{packages.Version}" />""";

    /// <summary>
    /// The sample's own references, as a user outside the repository writes them: its package references with the central
    /// versions, and the packages (at the version under test) in place of its project references; the three user-facing
    /// packages always. Its Using items are kept.
    /// </summary>
    private IEnumerable<string> UserTestsReferences(string csproj)
    {
        var project = XDocument.Load(csproj);
        var versions = Repository.CentralPackageVersions();
        var ours = new List<string>(UserFacingPackages);
        foreach (var reference in project.Descendants("ProjectReference"))
        {
            var name = Path.GetFileNameWithoutExtension((string)reference.Attribute("Include")!.Value.Replace('\\', '/'));
            var id = packages.Packable.Single(p => Path.GetFileNameWithoutExtension(p.Project) == name).PackageId;
            if (!ours.Contains(id))
            {
                ours.Add(id);
            }
        }

        foreach (var id in ours)
        {
            yield return PackageReference(id);
        }

        foreach (var reference in project.Descendants("PackageReference"))
        {
            var id = (string)reference.Attribute("Include")!;
            versions.ShouldContainKey(id, $"{csproj} references {id}, which Directory.Packages.props does not pin");
            var privateAssets = (string?)reference.Attribute("PrivateAssets");
            yield return $"""<PackageReference Include="{id}" Version="{versions[id]}"{(privateAssets is null ? "" : $" PrivateAssets=\"{privateAssets}\"")} />""";
        }

        foreach (var use in project.Descendants("Using"))
        {
            yield return $"""<Using Include="{(string)use.Attribute("Include")!}" />""";
        }
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Replace('\\', '/').Split('/')[0];
        return first is "bin" or "obj";
    }

    private static string ToolCommandAssembly(ZipArchive package)
    {
        var settings = package.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var stream = settings.Open();
        var entryPoint = XDocument.Load(stream).Descendants("Command").Single().Attribute("EntryPoint")!.Value;
        return Path.GetFileNameWithoutExtension(entryPoint);
    }

    /// <summary>The Source Link JSON in a portable PDB.</summary>
    private static string SourceLinkOf(ZipArchiveEntry pdb)
    {
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        using var memory = new MemoryStream();
        using (var stream = pdb.Open())
        {
            stream.CopyTo(memory);
        }

        memory.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(memory);
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == sourceLinkKind)
            {
                return System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        return "";
    }

    private static List<string> Lines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r').Trim()).ToList();

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"Failed:\s*(?<failed>\d+),\s*Passed:\s*(?<passed>\d+)")]
    private static partial Regex TestSummary();
}
