using System.Reflection;
using PublicApiGenerator;
using Simulator.Packaging.Tests.Support;

namespace Simulator.Packaging.Tests.PublicApi;

/// <summary>
/// The public API of each library package, compared with PublicApi/&lt;Assembly&gt;.approved.txt, so that every change to what
/// users compile against shows up in review as a diff of that file. Accept a change with
/// <c>SIMULATOR_ACCEPT_API=1 dotnet test tests/Simulator.Packaging.Tests --filter Category=PublicApi</c>.
/// </summary>
[Trait("Category", "PublicApi")]
public sealed class PublicApiTests
{
    public static TheoryData<string> Libraries() => new() { "Simulator", "Simulator.Kubernetes", "Simulator.Testing", "Simulator.Plotting" };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void PublicApi_MatchesApprovedFile(string assemblyName)
    {
        var assembly = Assembly.Load(new AssemblyName(assemblyName));
        var actual = ApprovedApi.Generate(assembly);

        ApprovedApi.Verify(assemblyName, actual);
    }

    [Fact]
    public void Generate_SameAssembly_SameTextEveryTime()
    {
        var assembly = Assembly.Load(new AssemblyName("Simulator"));

        var first = ApprovedApi.Generate(assembly);
        var second = ApprovedApi.Generate(assembly);

        second.ShouldBe(first);
        first.ShouldNotContain("\r");
        first.ShouldContain("public sealed class Simulation");
    }

    [Fact]
    public void DescribeDifference_ChangedLine_ShowsItOnBothSides()
    {
        var message = ApprovedApi.DescribeDifference("a\nb\nc\nd\n", "a\nb\nX\nd\n", "Demo");

        message.ShouldContain("changed at line 3: 1 approved line(s) (-) became 1 line(s) (+)");
        message.ShouldContain("\n  b\n- c\n+ X\n");
        message.ShouldNotContain("- d");
        message.ShouldContain("SIMULATOR_ACCEPT_API=1");
    }

    [Fact]
    public void DescribeDifference_AddedMember_ShowsOnlyTheNewLine()
    {
        var message = ApprovedApi.DescribeDifference("class A\n{\n}\n", "class A\n{\n    void M() { }\n}\n", "Demo");

        message.ShouldContain("changed at line 3: 0 approved line(s) (-) became 1 line(s) (+)");
        message.ShouldContain("\n  {\n+     void M() { }\n");
        message.ShouldNotContain("\n- ");
    }
}

/// <summary>Generates the public API text and compares it with the approved file.</summary>
internal static class ApprovedApi
{
    public const string AcceptVariable = "SIMULATOR_ACCEPT_API";

    private const int ContextLines = 20;

    private static readonly ApiGeneratorOptions Options = new()
    {
        // Assembly metadata can carry the repository url, commit or build machine facts: not API, and not the same everywhere.
        ExcludeAttributes =
        [
            "System.Reflection.AssemblyMetadataAttribute",
            "System.Reflection.AssemblyInformationalVersionAttribute",
            "System.Reflection.AssemblyFileVersionAttribute",
            "System.Reflection.AssemblyConfigurationAttribute",
        ],
    };

    public static string Folder => Repository.PathOf("tests", "Simulator.Packaging.Tests", "PublicApi");

    /// <summary>The public API of <paramref name="assembly"/>, with '\n' line ends and a final newline.</summary>
    public static string Generate(Assembly assembly)
    {
        var text = assembly.GeneratePublicApi(Options).Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.EndsWith('\n') ? text : text + "\n";
    }

    public static void Verify(string assemblyName, string actual)
    {
        var approvedPath = Path.Combine(Folder, assemblyName + ".approved.txt");
        var receivedPath = Path.Combine(Folder, assemblyName + ".received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            if (approved != actual)
            {
                File.WriteAllText(approvedPath, actual);
            }

            File.Delete(receivedPath);
            return;
        }

        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new Xunit.Sdk.XunitException(
            approved is null
                ? $"No approved public API for {assemblyName}: wrote {receivedPath}.\n{AcceptHint(assemblyName)}"
                : DescribeDifference(approved, actual, assemblyName) + $"\nThe whole new API is in {receivedPath}.");
    }

    /// <summary>
    /// Says where the texts differ: the lines between their common beginning and their common end, the approved ones marked
    /// <c>-</c> and the assembly's marked <c>+</c>, after one line of context.
    /// </summary>
    public static string DescribeDifference(string approved, string actual, string assemblyName)
    {
        var expected = approved.Split('\n');
        var received = actual.Split('\n');
        var prefix = 0;
        while (prefix < expected.Length && prefix < received.Length && expected[prefix] == received[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < expected.Length - prefix && suffix < received.Length - prefix &&
               expected[^(suffix + 1)] == received[^(suffix + 1)])
        {
            suffix++;
        }

        var removed = expected[prefix..^suffix];
        var added = received[prefix..^suffix];
        var lines = new List<string>
        {
            $"The public API of {assemblyName} changed at line {prefix + 1}: {removed.Length} approved line(s) (-) became " +
            $"{added.Length} line(s) (+).",
        };
        if (prefix > 0)
        {
            lines.Add("  " + expected[prefix - 1]);
        }

        AddCapped(lines, removed, "- ");
        AddCapped(lines, added, "+ ");
        lines.Add(AcceptHint(assemblyName));
        return string.Join('\n', lines);
    }

    private static void AddCapped(List<string> lines, string[] block, string mark)
    {
        lines.AddRange(block.Take(ContextLines).Select(l => mark + l));
        if (block.Length > ContextLines)
        {
            lines.Add($"{mark}... {block.Length - ContextLines} more");
        }
    }

    private static string AcceptHint(string assemblyName) =>
        $"If the change is intended, accept it: {AcceptVariable}=1 dotnet test tests/Simulator.Packaging.Tests --filter Category=PublicApi " +
        $"(rewrites PublicApi/{assemblyName}.approved.txt; review and commit it).";
}
