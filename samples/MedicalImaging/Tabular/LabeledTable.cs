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
    /// Reads a comma-separated file with a header through ML.NET's <c>LoadFromTextFile</c>: every column except
    /// <paramref name="labelColumn"/> and <paramref name="ignoredColumns"/> must be numeric; the label is positive when it
    /// equals <paramref name="positiveValue"/>. A field that is not a number (TextLoader reads it as NaN) or a label that
    /// is neither value is an error naming the line and column.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, lacks the label column, or holds a bad value.</exception>
    public static LabeledTable ReadCsv(string path, string name, string labelColumn, string positiveValue, string negativeValue,
        string positiveClass, string negativeClass, params string[] ignoredColumns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' is missing; it ships with the sample (see Data/README.md).", path);
        var ml = new MLContext();
        string[] header = CsvTable.Header(ml, path);
        int label = Array.IndexOf(header, labelColumn);
        if (label < 0) throw new InvalidDataException($"'{path}' has no column '{labelColumn}'; its columns are {string.Join(", ", header)}.");
        int[] featureColumns = Enumerable.Range(0, header.Length).Where(i => i != label && !ignoredColumns.Contains(header[i])).ToArray();

        var data = ml.Data.LoadFromTextFile(path,
            [
                new TextLoader.Column("Features", DataKind.Single, featureColumns.Select(i => new TextLoader.Range(i)).ToArray()),
                new TextLoader.Column("Class", DataKind.String, label),
            ],
            separatorChar: ',', hasHeader: true);
        float[][] features = data.GetColumn<float[]>("Features").ToArray();
        string[] classes = data.GetColumn<ReadOnlyMemory<char>>("Class").Select(value => value.ToString()).ToArray();
        var labels = new bool[classes.Length];
        for (int row = 0; row < classes.Length; row++)
        {
            int line = row + 2;
            labels[row] = classes[row] == positiveValue ? true
                : classes[row] == negativeValue ? false
                : throw new InvalidDataException($"{path}:{line}: label '{classes[row]}' is neither '{positiveValue}' nor '{negativeValue}'.");
            int bad = Array.FindIndex(features[row], float.IsNaN);
            if (bad >= 0)
                throw new InvalidDataException($"{path}:{line}: column '{header[featureColumns[bad]]}' is empty or not a number.");
        }
        return new LabeledTable(name, positiveClass, negativeClass, featureColumns.Select(i => header[i]).ToArray(), features, labels);
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
