using Microsoft.ML;
using Microsoft.ML.Data;

namespace Federated;

/// <summary>One WDBC case as the trainer reads it: 30 measurements, malignant or not.</summary>
public sealed class Case
{
    /// <summary>The 30 measurements.</summary>
    [VectorType(30)] public float[] Features { get; set; } = [];

    /// <summary>True when the mass is malignant.</summary>
    public bool Label { get; set; }
}

/// <summary>Reads data/breast_cancer_wisconsin_diagnostic.csv (569 cases; see data/README.md) through ML.NET's text loader.</summary>
internal static class BreastCancerCases
{
    private sealed class CsvRow
    {
        [LoadColumn(0, 29), VectorType(30)] public float[] Features { get; set; } = [];

        [LoadColumn(30)] public string Diagnosis { get; set; } = "";
    }

    public static IReadOnlyList<Case> Read(MLContext ml, string path)
    {
        var data = ml.Data.LoadFromTextFile<CsvRow>(path, separatorChar: ',', hasHeader: true);
        return ml.Data.CreateEnumerable<CsvRow>(data, reuseRowObject: false)
            .Select(row => new Case { Features = row.Features, Label = row.Diagnosis == "M" }).ToList();
    }

    public static string Locate(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/{fileName} was not found above {AppContext.BaseDirectory}; run the sample from a clone of the repository.");
    }
}
