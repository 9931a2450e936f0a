using System.Globalization;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>What <c>quality-tabular</c> runs, from its command-line options.</summary>
public sealed class QualityOptions
{
    /// <summary>
    /// Default number of repeated splits: with three, the suite's median gap moved by more than a point between normalizers
    /// that leave the Mlp's results unchanged, from LightGbm's split-to-split noise alone (docs/benchmarks.md, 8.16).
    /// </summary>
    public const int DefaultRepeats = 10;

    /// <summary>The tables (default: all fourteen; with <c>--table</c> and no <c>--tables</c>, only one's own).</summary>
    public IReadOnlyList<QualityTable> Tables { get; init; } = QualityTable.Suite;

    /// <summary>Repeated stratified 80/20 splits per table; repeat r uses seed r (default <see cref="DefaultRepeats"/>).</summary>
    public int Repeats { get; init; } = DefaultRepeats;

    /// <summary>The normalizer choices (default: all four).</summary>
    public IReadOnlyList<QualityNormalizer> Normalizers { get; init; } = QualityNormalizer.All;

    /// <summary>The models (default: all four).</summary>
    public IReadOnlyList<QualityModel> Models { get; init; } = QualityModel.All;

    /// <summary>Fraction of each table held out for testing (default 0.2).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Where the Markdown report goes (the raw CSV goes beside it, same name with <c>.csv</c>); null writes only to the console.</summary>
    public string? OutputPath { get; init; }

    /// <summary>
    /// A CSV of an earlier run whose results for the models not run now are reused (same tables, normalizers and seeds);
    /// null reuses nothing. For measuring new Mlp defaults against the other trainers, whose code and options did not change.
    /// </summary>
    public string? ReusePath { get; init; }

    /// <summary>The usage text.</summary>
    public static string Usage =>
        "quality-tabular [--tables a,b] [--table NAME,PATH,LABEL[,IGNORED...]] [--repeats N] [--normalizers a,b] [--models a,b] [--mlp-set \"Name=Value;...\"] [--quick] [--out FILE.md]\n" +
        $"  tables:      {string.Join(",", QualityTable.Suite.Select(t => t.Name))} (default all)\n" +
        "  --table:     a CSV of one's own (repeatable): a short name, its path, the label column and any columns that are not\n" +
        "               features; only these run unless --tables also names suite tables\n" +
        $"  normalizers: {string.Join(",", QualityNormalizer.All.Select(n => n.Name))} (default all)\n" +
        $"  models:      {string.Join(",", QualityModel.All.Select(m => m.Name))} (default all)\n" +
        $"  --repeats N: stratified 80/20 splits with seeds 1..N (default {DefaultRepeats})\n" +
        $"  --quick:     tables {string.Join(",", QualityTable.QuickNames)}, 1 repeat (later options still apply)\n" +
        "  --mlp-set:   Mlp options to use instead of the defaults, e.g. \"HiddenLayers=256,256;Dropout=0.15\" (to measure a candidate default)\n" +
        "  --reuse CSV: results of the models not run now are taken from an earlier run's CSV (same splits)\n" +
        "  --out FILE:  Markdown report; raw results go to FILE with the extension .csv";

    /// <summary>Parses the options that follow the command name.</summary>
    /// <param name="args">The arguments after <c>quality-tabular</c>.</param>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or names an unknown table, normalizer or model.</exception>
    public static QualityOptions Parse(IReadOnlyList<string> args)
    {
        var options = new QualityOptions();
        var own = new List<QualityTable>();
        bool suiteTablesChosen = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            suiteTablesChosen |= name is "--quick" or "--tables";
            if (name == "--table")
            {
                var table = QualityTable.Parse(Value(args, ref i));
                if (own.Any(t => string.Equals(t.Name, table.Name, StringComparison.OrdinalIgnoreCase)))
                    throw new ArgumentException($"--table: two tables are named '{table.Name}'.");
                own.Add(table);
                continue;
            }
            options = name switch
            {
                "--quick" => new QualityOptions { Tables = Pick(QualityTable.Suite, t => t.Name, string.Join(",", QualityTable.QuickNames), "table"), Repeats = 1,
                    Normalizers = options.Normalizers, Models = options.Models, OutputPath = options.OutputPath, ReusePath = options.ReusePath },
                "--tables" => With(options, tables: Pick(QualityTable.Suite, t => t.Name, Value(args, ref i), "table")),
                "--normalizers" => With(options, normalizers: Pick(QualityNormalizer.All, n => n.Name, Value(args, ref i), "normalizer")),
                "--models" => With(options, models: Pick(QualityModel.All, m => m.Name, Value(args, ref i), "model")),
                "--repeats" => With(options, repeats: PositiveInt(Value(args, ref i))),
                "--mlp-set" => With(options, models: WithMlp(options.Models, MlpOptionOverrides.Parse(Value(args, ref i)))),
                "--out" => With(options, output: Value(args, ref i)),
                "--reuse" => With(options, reuse: Value(args, ref i)),
                _ => throw new ArgumentException($"Unknown option '{name}'. Usage:\n{Usage}"),
            };
        }
        return own.Count == 0 ? options : With(options, tables: [.. (suiteTablesChosen ? options.Tables : []), .. own]);
    }

    private static QualityOptions With(QualityOptions o, IReadOnlyList<QualityTable>? tables = null, IReadOnlyList<QualityNormalizer>? normalizers = null,
        IReadOnlyList<QualityModel>? models = null, int? repeats = null, string? output = null, string? reuse = null) => new()
    {
        ReusePath = reuse ?? o.ReusePath,
        Tables = tables ?? o.Tables,
        Normalizers = normalizers ?? o.Normalizers,
        Models = models ?? o.Models,
        Repeats = repeats ?? o.Repeats,
        OutputPath = output ?? o.OutputPath,
        TestFraction = o.TestFraction,
    };

    private static IReadOnlyList<QualityModel> WithMlp(IReadOnlyList<QualityModel> models, MlpOptionOverrides overrides) =>
        [.. models.Select(model => model.Name == "mlp" ? QualityModel.Mlp(overrides) : model)];

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"The option {args[i - 1]} needs a value. Usage:\n{Usage}");

    private static int PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"--repeats takes a positive whole number; got '{text}'.");

    private static List<T> Pick<T>(IReadOnlyList<T> all, Func<T, string> name, string list, string what)
    {
        var picked = new List<T>();
        foreach (string wanted in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var item = all.FirstOrDefault(x => string.Equals(name(x), wanted, StringComparison.OrdinalIgnoreCase));
            if (item is null) throw new ArgumentException($"Unknown {what} '{wanted}'. Known: {string.Join(", ", all.Select(name))}.");
            if (!picked.Contains(item)) picked.Add(item);
        }
        return picked.Count > 0 ? picked : throw new ArgumentException($"No {what} given. Known: {string.Join(", ", all.Select(name))}.");
    }
}
