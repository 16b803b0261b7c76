using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Simulator.Cli.Commands;
using Simulator.Kubernetes.Manifests;
using Simulator.Validation;

namespace Simulator.Cli.Scripting;

/// <summary>The outcome of one script line.</summary>
/// <param name="Line">The 1-based line number in the script.</param>
/// <param name="Command">The line as written.</param>
/// <param name="ExitCode">0 when the line did what it should (a <c>!</c> line: when its command failed), else 1.</param>
/// <param name="Output">What it printed (output and errors, as a terminal shows them).</param>
/// <param name="SimTime">The simulated time after the line, RFC 3339.</param>
internal sealed record LineOutcome(int Line, string Command, int ExitCode, string Output, string SimTime);

/// <summary>Runs a scenario script (<c>kubesim run</c>), line by line, like a shell script against one simulated cluster.</summary>
internal sealed class ScenarioRunner
{
    private static readonly JsonSerializerOptions JsonLines = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ScriptSession _session;
    private readonly ScriptCommands _commands;

    public ScenarioRunner(ScriptSession session)
    {
        _session = session;
        _commands = new ScriptCommands(session);
    }

    /// <summary>Runs the lines, writing each outcome as it completes.</summary>
    /// <returns>0 when no line failed, 1 otherwise.</returns>
    public int Run(IReadOnlyList<string> lines, TextWriter output, bool json, bool failFast)
    {
        var failed = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var outcome = RunLine(i + 1, text);
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(outcome, JsonLines));
            }
            else
            {
                output.Write("$ " + text + "\n" + outcome.Output);
            }

            output.Flush();
            if (outcome.ExitCode != 0)
            {
                failed = true;
                if (failFast)
                {
                    break;
                }
            }
        }

        return failed ? 1 : 0;
    }

    /// <summary>Runs one line: <c>! LINE</c> expects the command to fail and succeeds when it does.</summary>
    public LineOutcome RunLine(int number, string text)
    {
        var expectFailure = text.StartsWith("! ", StringComparison.Ordinal);
        var command = expectFailure ? text[2..].TrimStart() : text;
        string output;
        int exitCode;
        try
        {
            output = _commands.Execute(ShellWords.Split(command));
            exitCode = 0;
        }
        catch (Exception e) when (e is CommandException or ManifestException)
        {
            output = e.Message.EndsWith('\n') ? e.Message : e.Message + "\n";
            exitCode = 1;
        }
        catch (ApiException e)
        {
            output = $"Error from server ({e.Reason}): {e.Message}\n";
            exitCode = 1;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or KeyNotFoundException or NullReferenceException)
        {
            // A bug in kubesim must not take the rest of the scenario down with it; say plainly that it is ours.
            output = $"error: kubesim internal error ({e.GetType().Name}): {e.Message}\n";
            exitCode = 1;
        }

        if (expectFailure)
        {
            exitCode = exitCode == 0 ? 1 : 0;
            if (exitCode != 0)
            {
                output += "expectation failed: the command succeeded, but the line is marked '!' (expected to fail)\n";
            }
        }

        return new LineOutcome(number, text, exitCode, output, Time(_session));
    }

    private static string Time(ScriptSession session)
    {
        var now = session.Sim.Now.ToDateTimeOffset().UtcDateTime;
        return now.ToString(now.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
