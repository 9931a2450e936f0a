using System.Globalization;
using MlNetNeural.Cli.CommandLine;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Commands;

/// <summary>The options of <c>mlnn train</c>.</summary>
internal sealed record TrainSettings
{
    /// <summary>The search's time budget when neither --time nor --trials is given.</summary>
    public const double DefaultSeconds = 60;

    /// <summary>The bound on --time: a year, beyond any search anyone waits for, and inside what TimeSpan can hold (1e12 s is not).</summary>
    public const double MaxSeconds = 365 * 24 * 3600;

    /// <summary>The share of rows kept for testing when no --test file is given.</summary>
    public const double DefaultTestFraction = 0.2;

    public required string DataPath { get; init; }
    public required string Label { get; init; }
    public TabularTask? Task { get; init; }
    public double? Seconds { get; init; }
    public int? Trials { get; init; }
    public string? TestPath { get; init; }
    public double TestFraction { get; init; } = DefaultTestFraction;
    public required string OutDirectory { get; init; }
    public int Seed { get; init; } = 1;
    public int? Folds { get; init; }

    /// <summary>Networks the final fit averages; null for the search's default.</summary>
    public int? Ensemble { get; init; }

    /// <summary>The networks the final fit averages: <see cref="Ensemble"/>, or the search's default.</summary>
    public int EnsembleSize => Ensemble ?? MlpSearchOptions.DefaultEnsembleSize;
    public IReadOnlyDictionary<string, ColumnKind> Columns { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>The class of a binary label whose probability the model gives (<c>--positive-class</c>); null: the later of the two in sort order.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>Whether the search may train candidates on the most informative columns only (<c>--column-selection on|off</c>, default on).</summary>
    public bool ColumnSelection { get; init; } = true;

    /// <summary>Whether multiclass candidates may weigh the classes equally (<c>--balance-classes on|off</c>, default on; <see cref="MlpSearchSpace.BalanceMulticlass"/>).</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <summary>The hashed slots of each free-text column, 2 x 2^bits (<c>--text-bits</c>); null for the inference's default (<see cref="InferenceOptions.TextHashingBits"/>).</summary>
    public int? TextBits { get; init; }

    /// <summary>The inference's options: the label, the task, the overrides, the positive class and the text width as given.</summary>
    public Tabular.InferenceOptions InferenceOptions => new()
    {
        LabelColumnName = Label, Task = Task, ColumnOverrides = Columns, PositiveClass = PositiveClass,
        TextHashingBits = TextBits ?? Tabular.InferenceOptions.DefaultTextHashingBits,
    };

    /// <summary>The search space: the default one, without column selection or balanced classes when they are turned off.</summary>
    public MlpSearchSpace Space => MlpSearchSpace.Default with
    {
        ColumnSelectionShare = ColumnSelection ? MlpSearchSpace.Default.ColumnSelectionShare : 0,
        BalanceMulticlass = BalanceClasses,
    };

    public static IReadOnlyList<string> OptionNames { get; } =
        ["--data", "--label", "--task", "--time", "--trials", "--test", "--test-fraction", "--out", "--seed", "--column", "--folds", "--ensemble", "--column-selection", "--positive-class", "--balance-classes", "--text-bits"];

    public static TrainSettings Parse(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse("train", args, OptionNames.ToHashSet());
        string data = parsed.Required("--data", "FILE.csv (the table to learn from)");
        string label = parsed.Required("--label", "COLUMN (the column to predict)");
        if (parsed.Has("--test") && parsed.Has("--test-fraction"))
            throw new UsageException("Give --test FILE.csv or --test-fraction, not both.", "train");
        var columns = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (string text in parsed.All("--column"))
        {
            KeyValuePair<string, ColumnKind> pair;
            try { pair = InferenceOptions.ParseOverride(text); }
            catch (TabularDataException e) { throw new UsageException(e.Message, "train"); }
            if (!columns.TryAdd(pair.Key, pair.Value))
                throw new UsageException($"The column '{pair.Key}' has two --column overrides.", "train");
        }
        double? seconds = parsed.Number("--time", 0, MaxSeconds, "60");
        int? trials = parsed.Integer("--trials", 1);
        return new TrainSettings
        {
            DataPath = data,
            Label = label,
            Task = ParseTask(parsed.Optional("--task")),
            Seconds = seconds ?? (trials is null ? DefaultSeconds : null),
            Trials = trials,
            TestPath = parsed.Optional("--test"),
            TestFraction = parsed.Number("--test-fraction", 0, 1, "0.2") ?? DefaultTestFraction,
            OutDirectory = parsed.Optional("--out") ?? DefaultOutDirectory(data),
            Seed = parsed.Integer("--seed", int.MinValue) ?? 1,
            Folds = parsed.Integer("--folds", 1),
            Ensemble = parsed.Integer("--ensemble", 1),
            PositiveClass = parsed.Optional("--positive-class"),
            Columns = columns,
            ColumnSelection = OnOff(parsed, "--column-selection"),
            BalanceClasses = OnOff(parsed, "--balance-classes"),
            TextBits = parsed.Integer("--text-bits", 1),
        };
    }

    // An option of on or off, on when not given.
    private static bool OnOff(ParsedArguments parsed, string option) => parsed.Optional(option) switch
    {
        null or "on" => true,
        "off" => false,
        var other => throw new UsageException($"{option} must be on or off; '{other}' is neither.", "train"),
    };

    /// <summary>The output folder when --out is not given: the data file's name without extensions, plus <c>-mlnn</c>, in the current folder.</summary>
    public static string DefaultOutDirectory(string dataPath)
    {
        string name = Path.GetFileName(dataPath);
        int dot = name.IndexOf('.');
        return (dot > 0 ? name[..dot] : name) + "-mlnn";
    }

    /// <summary>The search budget in words, e.g. <c>60 s</c>, <c>40 trials</c>, or both.</summary>
    public string BudgetText => string.Join(" or ", new[]
    {
        Seconds is { } s ? $"{s.ToString("0.#", CultureInfo.InvariantCulture)} s" : null,
        Trials is { } n ? $"{n} trials" : null,
    }.OfType<string>()) + $", seed {Seed}";

    private static TabularTask? ParseTask(string? text) => text switch
    {
        null or "auto" => null,
        "binary" => TabularTask.BinaryClassification,
        "multiclass" => TabularTask.MulticlassClassification,
        "regression" => TabularTask.Regression,
        _ => throw new UsageException($"--task must be auto, binary, multiclass or regression; '{text}' is none of them.", "train"),
    };

    /// <summary>The task as the command line and metrics.json write it.</summary>
    public static string TaskWord(TabularTask task) => task switch
    {
        TabularTask.BinaryClassification => "binary",
        TabularTask.MulticlassClassification => "multiclass",
        _ => "regression",
    };

    public static string Usage { get; } =
        "mlnn train --data FILE.csv --label COLUMN [options]\n" +
        "  Infers the columns and the task, searches the MLP's settings, fits the best on the training rows, tests it and\n" +
        "  LightGbm (default options, same rows) on the test rows, and writes model.zip, report.html, metrics.json, Program.cs.\n\n" +
        "  --data FILE.csv          the table (separator, header, quotes, decimal mark sniffed; .gz read directly)\n" +
        "  --label COLUMN           the column to predict (case-sensitive)\n" +
        "  --task auto|binary|multiclass|regression   default auto: inferred from the label\n" +
        "  --time SECONDS           search time budget (default 60 when --trials is not given)\n" +
        "  --trials N               search N trials: the same seed and N give the same model on any machine\n" +
        "  --test FILE.csv          test rows from another file (same columns), or\n" +
        "  --test-fraction F        share of the rows held out for testing, stratified by class (default 0.2)\n" +
        "  --out DIR                output folder (default: the data file's name + -mlnn)\n" +
        "  --seed N                 seeds the split, the search and the training (default 1)\n" +
        "  --column NAME:KIND       override a column's kind: numeric, categorical, text, date or ignore (repeatable)\n" +
        "  --positive-class CLASS   binary labels: the class whose probability the model gives (default: the later of the\n" +
        "                           two in sort order)\n" +
        "  --folds K                validate trials by K-fold cross-validation (1: one 20% hold-out; default: 5 below 1,000\n" +
        "                           training rows, 3 below 2,000, else the hold-out)\n" +
        "  --ensemble K             the final fit averages K networks of the chosen candidate (seeds from its own), merged into\n" +
        $"                           one; 1 fits one network (default {MlpSearchOptions.DefaultEnsembleSize}; with --time the search leaves time for them,\n" +
        "                           and trains fewer when half the budget cannot hold K fits)\n" +
        "  --column-selection on|off  on (default): some candidates train on the columns most informative about the label\n" +
        "                           only, and the model ignores the others if one of them is chosen; off: every column\n" +
        "  --balance-classes on|off   on (default): multiclass candidates but the defaults weigh every class the same, as\n" +
        "                           macro accuracy does; off: every row weighs the same (probabilities follow the classes' shares)\n" +
        $"  --text-bits B            each free-text column takes 2 x 2^B hashed slots (default {Tabular.InferenceOptions.DefaultTextHashingBits}: 512; at most\n" +
        $"                           {Tabular.InferenceOptions.MaxTextHashingBits}); wider holds more of long texts and costs fit time";
}
