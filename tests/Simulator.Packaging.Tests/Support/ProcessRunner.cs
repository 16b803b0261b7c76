using System.Diagnostics;
using System.Text;

namespace Simulator.Packaging.Tests.Support;

/// <summary>What a finished (or killed) child process did.</summary>
internal sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    /// <summary>For failure messages: the command, how it ended and everything it printed.</summary>
    public string Describe() =>
        $"$ {CommandLine}   (in {WorkingDirectory})\n" +
        (TimedOut ? $"KILLED after {Elapsed.TotalSeconds:F0} s (timeout)\n" : $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n") +
        "--- stdout+stderr ---\n" + Output;
}

/// <summary>
/// Runs <c>dotnet</c> as a user would from a shell, with a timeout, capturing stdout and stderr together.
/// </summary>
/// <remarks>
/// The child gets a clean environment: the variables the test host and MSBuild set for themselves are removed, so the child
/// behaves as in a terminal. Node reuse and the shared compiler server are turned off so that nothing started here outlives the
/// test (and no lingering server keeps the output pipes open).
/// </remarks>
internal static class ProcessRunner
{
    private static readonly string[] StrippedPrefixes = ["MSBUILD", "VSTEST", "TESTINGPLATFORM", "DOTNET_HOST_PATH", "SIMULATOR_", "NUGET_RESTORE_MSBUILD"];

    public static ProcessResult Dotnet(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.ToList())
        {
            if (StrippedPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";

        var output = new StringBuilder();
        var gate = new object();
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }
        }

        var commandLine = "dotnet " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }

            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        else
        {
            // Let the asynchronous readers drain what the process wrote just before it exited (bounded: a grandchild that kept
            // the pipes open must not hang the test).
            using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                process.WaitForExitAsync(drained.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Output after this point is lost; the exit code is what counts.
            }
        }

        clock.Stop();
        string text;
        lock (gate)
        {
            text = output.ToString();
        }

        return new ProcessResult(commandLine, workingDirectory, exited ? process.ExitCode : -1, !exited, clock.Elapsed, text);
    }

    /// <summary>Runs and fails the test (with the whole output) unless the command exits 0.</summary>
    public static ProcessResult DotnetOk(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var result = Dotnet(workingDirectory, timeout, args);
        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException("A command failed:\n" + result.Describe());
        }

        return result;
    }
}
