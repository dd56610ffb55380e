namespace Conformance.Runner;

/// <summary>What a command accepts: its options (with a value), its flags, and whether it takes
/// arguments (such as files) besides them.</summary>
public sealed record CommandSpec(string[] Options, string[] Flags, bool TakesArguments = false);

/// <summary>A command and its options: <c>--name value</c>, <c>--name=value</c>, repeatable options and
/// flags, and plain arguments where the command takes them. Anything unknown is a usage error with the
/// option named.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _arguments = [];

    public string Command { get; private init; } = "run";

    public static CommandLine Parse(string[] args, IReadOnlyDictionary<string, CommandSpec> commands)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        if (!commands.TryGetValue(command, out var spec))
            throw new UsageException($"Unknown command '{command}'. Commands: {string.Join(", ", commands.Keys)}.");
        var line = new CommandLine { Command = command };
        for (var i = command == (args.Length > 0 ? args[0] : null) ? 1 : 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!spec.TakesArguments) throw new UsageException($"Unexpected argument '{arg}'.");
                line._arguments.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (spec.Flags.Contains(name))
            {
                if (eq >= 0) throw new UsageException($"--{name} takes no value.");
                line._flags.Add(name);
            }
            else if (spec.Options.Contains(name))
            {
                var value = eq >= 0 ? arg[(eq + 1)..] : i + 1 < args.Length ? args[++i] : throw new UsageException($"--{name} needs a value.");
                (line._values.TryGetValue(name, out var list) ? list : line._values[name] = []).Add(value);
            }
            else throw new UsageException($"Unknown option --{name} for '{command}'. Run with --help for the options.");
        }
        return line;
    }

    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : [];
    public bool Flag(string name) => _flags.Contains(name);
    /// <summary>The plain arguments, in order (for commands that take them).</summary>
    public IReadOnlyList<string> Arguments => _arguments;
}

public sealed class UsageException(string message) : Exception(message);
