using Simulator.Engine;

namespace Simulator.Cli.Scripting;

/// <summary>
/// The state a scenario script runs against: one simulated cluster, created on first use so that <c>sim seed</c> and
/// <c>sim clock set</c> can still choose its seed and start time.
/// </summary>
internal sealed class ScriptSession
{
    private Simulation? _simulation;

    public ScriptSession(string baseDirectory, ulong seed, TextWriter progress, bool interactive)
    {
        BaseDirectory = baseDirectory;
        Seed = seed;
        Progress = progress;
        Interactive = interactive;
    }

    /// <summary>The script's folder: paths inside the script are relative to it.</summary>
    public string BaseDirectory { get; }

    public ulong Seed { get; private set; }

    public SimTime Start { get; private set; } = SimTime.DefaultStart;

    /// <summary>Where progress of long runs goes (standard error), and whether a person is watching it.</summary>
    public TextWriter Progress { get; }

    public bool Interactive { get; }

    public Simulation Sim => _simulation ??= new Simulation(new SimulationOptions { Seed = Seed, Start = Start });

    public string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>Changes the seed or start time; only while nothing has happened in the cluster yet.</summary>
    public void Reconfigure(ulong? seed = null, SimTime? start = null, string verb = "sim seed")
    {
        if (_simulation is not null && HasStarted(_simulation))
        {
            throw new CommandException($"error: {verb} is only allowed before the first event: the simulation has already started at {_simulation.Now}");
        }

        Seed = seed ?? Seed;
        Start = start ?? Start;
        _simulation = null;
    }

    private static bool HasStarted(Simulation sim) =>
        sim.Events.Count > 0 || sim.PendingEvents > 0 || sim.Now != sim.Options.Start.TruncateToSeconds() || !sim.State.Nodes.IsEmpty
        || !sim.State.Pods.IsEmpty || !sim.State.DaemonSets.IsEmpty || sim.State.Namespaces.Count > 4;
}
