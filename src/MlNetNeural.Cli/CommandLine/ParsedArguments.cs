using System.Globalization;

namespace MlNetNeural.Cli.CommandLine;

/// <summary>
/// The options of one command, parsed from <c>--name value</c> pairs (also <c>--name=value</c>). Every option takes a
/// value; only names in <see cref="Repeatable"/> may be given more than once. Unknown names and missing values are
/// <see cref="UsageException"/>s naming them.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly string _command;
    private readonly Dictionary<string, List<string>> _values;

    private ParsedArguments(string command, Dictionary<string, List<string>> values)
    {
        _command = command;
        _values = values;
    }

    /// <summary>Options that may be repeated.</summary>
    public static IReadOnlySet<string> Repeatable { get; } = new HashSet<string> { "--column" };

    /// <summary>Parses <paramref name="args"/> (the words after the command) against the command's option names.</summary>
    public static ParsedArguments Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string word = args[i];
            if (!word.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"'{word}' is not an option (options start with --, e.g. --data FILE.csv).", command);
            string name = word, value;
            int equals = word.IndexOf('=');
            if (equals > 0)
            {
                name = word[..equals];
                value = word[(equals + 1)..];
            }
            else
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
                    throw new UsageException($"The option {word} needs a value.", command);
                value = args[++i];
            }
            if (!known.Contains(name))
            {
                var near = known.OrderBy(k => Distance(k, name)).First();
                if (Distance(near, name) > 2) near = null;
                throw new UsageException($"'{command}' has no option {name}.{(near is null ? "" : $" Did you mean {near}?")}", command);
            }
            if (!values.TryGetValue(name, out var list)) values[name] = list = [];
            if (list.Count > 0 && !Repeatable.Contains(name))
                throw new UsageException($"The option {name} is given twice.", command);
            list.Add(value);
        }
        return new ParsedArguments(command, values);
    }

    // Edit distance (insertions, deletions, substitutions, adjacent swaps) for "did you mean": --lable is one swap from --label.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>Whether the option was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The option's value, or null.</summary>
    public string? Optional(string name) => _values.TryGetValue(name, out var list) ? list[0] : null;

    /// <summary>The option's value; a usage error when it is missing.</summary>
    public string Required(string name, string what) =>
        Optional(name) ?? throw new UsageException($"'{_command}' needs {name} {what}.", _command);

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>The option as a whole number in [<paramref name="minimum"/>, int.MaxValue], or null when absent.</summary>
    public int? Integer(string name, int minimum)
    {
        if (Optional(name) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
            throw new UsageException($"The option {name} needs a whole number of at least {minimum}; '{text}' is not one.", _command);
        return value;
    }

    /// <summary>The option as a number strictly between <paramref name="low"/> and <paramref name="high"/>, or null when absent.</summary>
    public double? Number(string name, double low, double high, string example)
    {
        if (Optional(name) is not { } text) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > low && value < high))
            throw new UsageException($"The option {name} needs a number above {low.ToString(CultureInfo.InvariantCulture)}{(double.IsPositiveInfinity(high) ? "" : $" and below {high.ToString(CultureInfo.InvariantCulture)}")} (e.g. {example}); '{text}' is not one.", _command);
        return value;
    }
}
