namespace Simulator.Cli.Scripting;

/// <summary>A script line failed; the message is what kubectl (or kubesim) prints, and the line's exit code is 1.</summary>
internal sealed class CommandException : Exception
{
    public CommandException(string message)
        : base(message)
    {
    }

    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CommandException()
    {
    }
}
