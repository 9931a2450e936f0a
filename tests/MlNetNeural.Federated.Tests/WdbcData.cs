using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Federated.Simulation;

namespace MlNetNeural.Federated.Tests;

/// <summary>One WDBC case: 30 measurements of a fine-needle aspirate, malignant or not.</summary>
public sealed class WdbcRow
{
    [VectorType(30)] public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>
/// The Wisconsin diagnostic breast-cancer table (data/breast_cancer_wisconsin_diagnostic.csv) split into a common test
/// set and three "hospitals" with different case mixes: a screening clinic with few malignant cases, a general hospital,
/// and a referral centre with many.
/// </summary>
internal static class WdbcData
{
    public static readonly string[] Hospitals = ["screening-clinic", "general-hospital", "referral-centre"];

    public static (IReadOnlyList<IReadOnlyList<WdbcRow>> Sites, IReadOnlyList<WdbcRow> Test) Split(int seed = 7)
    {
        var rows = Read();
        var trainAndTest = SiteSplits.ByLabelSkew(rows, r => r.Label, [0.7, 0.3], [0.7, 0.3], seed);
        var sites = SiteSplits.ByLabelSkew(trainAndTest[0], r => r.Label, [0.04, 0.36, 0.6], [0.5, 0.3, 0.2], seed + 1);
        return (sites, trainAndTest[1]);
    }

    public static IReadOnlyList<KeyValuePair<string, IDataView>> SiteViews(MLContext ml, IReadOnlyList<IReadOnlyList<WdbcRow>> sites) =>
        sites.Select((rows, i) => new KeyValuePair<string, IDataView>(Hospitals[i], ml.Data.LoadFromEnumerable(rows))).ToList();

    public static IReadOnlyList<WdbcRow> Read()
    {
        string path = DataPath("breast_cancer_wisconsin_diagnostic.csv");
        return File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line =>
        {
            var cells = line.Split(',');
            return new WdbcRow
            {
                Features = cells[..30].Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
                Label = cells[30] == "M",
            };
        }).ToList();
    }

    private static string DataPath(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/{fileName} was not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
    }
}
