using System.Globalization;
using System.Text;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>The raw results, one fit per line, for spreadsheets and later analysis.</summary>
public static class QualityCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "table,task,normalizer,model,seed,metric_name,metric,fit_seconds,error";

    /// <summary>Writes the header and one line per result (invariant culture; the error message quoted).</summary>
    /// <param name="results">Every fit.</param>
    public static string Write(IEnumerable<QualityResult> results)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in results)
        {
            string error = r.Error is null ? "" : "\"" + r.Error.Replace("\"", "\"\"") + "\"";
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{r.Table},{r.Task},{r.Normalizer},{r.Model},{r.Seed},{QualityModel.MetricName(r.Task)},{r.Metric:R},{r.FitSeconds:F4},{error}\n"));
        }
        return text.ToString();
    }
}
