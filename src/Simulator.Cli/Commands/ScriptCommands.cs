using System.CommandLine;
using Simulator.Cli.Scripting;

namespace Simulator.Cli.Commands;

/// <summary>
/// The grammar of a script line, declared with System.CommandLine: <c>kubectl …</c>, <c>sim …</c> and <c>expect …</c>, each leaf bound to the
/// handler that runs it and returns what it prints.
/// </summary>
internal sealed partial class ScriptCommands
{
    private readonly RootCommand _root = new("kubesim scenario line");
    private readonly Dictionary<Command, Func<ParseResult, string>> _handlers = [];
    private readonly ParserConfiguration _parser = new() { ResponseFileTokenReplacer = null };

    public ScriptCommands(ScriptSession session)
    {
        Session = session;
        var kubectl = new Command("kubectl", "The kubectl subset.");
        AddKubectl(kubectl);
        _root.Subcommands.Add(kubectl);
        var sim = new Command("sim", "Simulator verbs.");
        AddSim(sim);
        _root.Subcommands.Add(sim);
        var expect = new Command("expect", "Assertions.");
        AddExpect(expect);
        _root.Subcommands.Add(expect);
    }

    private ScriptSession Session { get; }

    /// <summary>Runs one line's words; throws <see cref="CommandException"/> (or an API error) when the line fails.</summary>
    public string Execute(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words[0] is not ("kubectl" or "sim" or "expect"))
        {
            throw new CommandException($"error: unknown command \"{(words.Count == 0 ? "" : words[0])}\": a line starts with kubectl, sim or expect");
        }

        var result = _root.Parse(words, _parser);
        if (result.Errors.Count > 0 && result.CommandResult.Command.Subcommands.Count > 0 && result.UnmatchedTokens.Count > 0)
        {
            throw new CommandException($"error: unknown command \"{result.UnmatchedTokens[0]}\" for \"{string.Join(' ', Path(result.CommandResult.Command))}\"");
        }

        if (result.Errors.Count > 0)
        {
            throw new CommandException("error: " + result.Errors[0].Message + UsageHint(result));
        }

        if (!_handlers.TryGetValue(result.CommandResult.Command, out var handler))
        {
            throw new CommandException($"error: \"{string.Join(' ', words)}\" needs a subcommand: {string.Join(", ", result.CommandResult.Command.Subcommands.Select(c => c.Name))}");
        }

        return handler(result);
    }

    private static string UsageHint(ParseResult result) =>
        $"\nSee '{string.Join(' ', Path(result.CommandResult.Command))} --help' for usage.";

    private static List<string> Path(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return names;
    }

    private Command Leaf(Command parent, string name, string description, Func<ParseResult, string> handler, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
            }
        }

        parent.Subcommands.Add(command);
        _handlers[command] = handler;

        // An action marks the command as complete by itself even when it has subcommands (kubectl create -f / create namespace).
        command.SetAction(_ => 0);
        return command;
    }

    private static Argument<string[]> Words(string name = "args") => new(name) { Arity = ArgumentArity.ZeroOrMore };

    private static Option<string> NamespaceOption() => new("--namespace", "-n") { Description = "The namespace." };

    private static Option<string> Text(string name, params string[] aliases) => new(name, aliases);

    private static Option<bool> Flag(string name, params string[] aliases) => new(name, aliases);
}
