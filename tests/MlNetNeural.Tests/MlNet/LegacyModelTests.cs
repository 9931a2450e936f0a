using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;

namespace MlNetNeural.Tests.MlNet;

/// <summary>
/// Model files saved by an earlier MlNetNeural (see TestData/LegacyModels/README.md) still load and score
/// bit for bit what that version scored, with one deliberate change: since 2026-12-01 a binary probability that single
/// precision rounded to exactly 1 (or 0) is reported as the float just below 1 (or the smallest positive float), so that a
/// wrong row's log-loss stays finite (Sigmoid.Probability); the recorded files keep what the old version printed.
/// </summary>
public sealed class LegacyModelTests
{
    public static TheoryData<string> Models() => ["binary-v1", "multiclass-v1", "regression-v1"];

    [Theory]
    [MemberData(nameof(Models))]
    public void ALegacyModelLoadsAndScoresBitForBitAsWhenItWasSaved(string name)
    {
        var ml = new MLContext(seed: 0).RegisterMlNetNeural();
        var model = ml.Model.Load(LegacyFile(name + ".zip"), out var schema);
        var data = LoadData(ml, name);
        Assert.Equal(data.Schema.Select(c => (c.Name, c.Type)), schema.Select(c => (c.Name, c.Type)));

        string[] expected = File.ReadAllLines(LegacyFile(name + ".expected.tsv"));
        string[] columns = expected[0].Split('\t');
        string[] actual = RowText.Of(model.Transform(data), columns);
        Assert.Equal(expected.Length - 1, actual.Length);
        int probability = Array.IndexOf(columns, "Probability");
        for (int row = 0; row < actual.Length; row++) Assert.Equal(KeptInsideZeroAndOne(expected[row + 1], probability), actual[row]);
        if (name == "binary-v1") Assert.Equal(5, expected.Count(line => line.EndsWith("\t3F800000", StringComparison.Ordinal))); // the change is exercised
    }

    /// <summary>A recorded row with its binary probability of exactly 1 or 0 replaced by what is reported now.</summary>
    private static string KeptInsideZeroAndOne(string line, int probability)
    {
        if (probability < 0) return line;
        string[] fields = line.Split('\t');
        fields[probability] = fields[probability] switch
        {
            "3F800000" => BitConverter.SingleToUInt32Bits(MlNetNeural.Core.Activations.Sigmoid.LargestProbability).ToString("X8", System.Globalization.CultureInfo.InvariantCulture),
            "00000000" => BitConverter.SingleToUInt32Bits(float.Epsilon).ToString("X8", System.Globalization.CultureInfo.InvariantCulture),
            var kept => kept,
        };
        return string.Join('\t', fields);
    }

    private static IDataView LoadData(MLContext ml, string name) => name switch
    {
        "binary-v1" => ml.Data.LoadFromTextFile(RepositoryData.PathOf("breast_cancer_wisconsin_diagnostic.csv"),
            [new TextLoader.Column("Features", DataKind.Single, 0, 29), new TextLoader.Column("Diagnosis", DataKind.String, 30)],
            separatorChar: ',', hasHeader: true),
        "multiclass-v1" => ml.Data.LoadFromTextFile(RepositoryData.PathOf(Path.Combine("tabular", "penguins.csv")),
            [new TextLoader.Column("species", DataKind.String, 0), new TextLoader.Column("Measurements", DataKind.Single, 2, 5)],
            separatorChar: ',', hasHeader: true, allowQuoting: true),
        "regression-v1" => Datasets.Ozone(ml),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string LegacyFile(string fileName) =>
        Path.Combine(Path.GetDirectoryName(RepositoryData.PathOf("breast_cancer_wisconsin_diagnostic.csv"))!, "..", "tests", "MlNetNeural.Tests", "TestData", "LegacyModels", fileName);
}
