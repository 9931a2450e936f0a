using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MedicalImaging.Tabular;

/// <summary>
/// A numeric table with a two-class label, held in memory: one row of features per case and whether the
/// case belongs to the positive class (the one whose miss is the costly error).
/// </summary>
/// <param name="Name">Display name of the data set.</param>
/// <param name="PositiveClass">What a positive label means, e.g. "malignant".</param>
/// <param name="NegativeClass">What a negative label means, e.g. "benign".</param>
/// <param name="FeatureNames">Column names of the features.</param>
/// <param name="Features">One feature row per case.</param>
/// <param name="Labels">True for the positive class.</param>
public sealed record LabeledTable(string Name, string PositiveClass, string NegativeClass,
    IReadOnlyList<string> FeatureNames, float[][] Features, bool[] Labels)
{
    /// <summary>Number of cases.</summary>
    public int Rows => Labels.Length;

    /// <summary>
    /// Reads a comma-separated file with a header: every column except <paramref name="labelColumn"/> and
    /// <paramref name="ignoredColumns"/> must be numeric; the label is positive when it equals <paramref name="positiveValue"/>.
    /// </summary>
    public static LabeledTable ReadCsv(string path, string name, string labelColumn, string positiveValue, string negativeValue,
        string positiveClass, string negativeClass, params string[] ignoredColumns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' is missing; it ships with the sample (see Data/README.md).", path);
        using var reader = new StreamReader(path);
        string[] header = (reader.ReadLine() ?? throw new InvalidDataException($"'{path}' is empty.")).Split(',');
        int label = Array.IndexOf(header, labelColumn);
        if (label < 0) throw new InvalidDataException($"'{path}' has no column '{labelColumn}'; its columns are {string.Join(", ", header)}.");
        int[] featureColumns = Enumerable.Range(0, header.Length).Where(i => i != label && !ignoredColumns.Contains(header[i])).ToArray();
        var features = new List<float[]>();
        var labels = new List<bool>();
        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            string[] fields = line.Split(',');
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{path}:{lineNumber} has {fields.Length} fields; the header has {header.Length}.");
            labels.Add(fields[label] == positiveValue ? true
                : fields[label] == negativeValue ? false
                : throw new InvalidDataException($"{path}:{lineNumber}: label '{fields[label]}' is neither '{positiveValue}' nor '{negativeValue}'."));
            features.Add(featureColumns.Select(i => float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
                ? value
                : throw new InvalidDataException($"{path}:{lineNumber}: column '{header[i]}' holds '{fields[i]}', not a number.")).ToArray());
        }
        return new LabeledTable(name, positiveClass, negativeClass, featureColumns.Select(i => header[i]).ToArray(), features.ToArray(), labels.ToArray());
    }

    /// <summary>The given rows as an ML.NET data view with "Features" (vector of Single) and "Label" (Boolean).</summary>
    public IDataView ToDataView(MLContext ml, IReadOnlyList<int> rows)
    {
        var definition = SchemaDefinition.Create(typeof(CaseRow));
        definition[nameof(CaseRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureNames.Count);
        return ml.Data.LoadFromEnumerable(rows.Select(i => new CaseRow { Features = Features[i], Label = Labels[i] }).ToList(), definition);
    }

    /// <summary>One case as ML.NET reads it.</summary>
    public sealed class CaseRow
    {
        /// <summary>The case's measurements.</summary>
        public float[] Features { get; set; } = [];

        /// <summary>True for the positive class.</summary>
        public bool Label { get; set; }
    }
}
