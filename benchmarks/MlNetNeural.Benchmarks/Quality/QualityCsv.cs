using System.Globalization;
using System.Text;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>The raw results, one fit per line, for spreadsheets and later analysis.</summary>
public static class QualityCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "table,task,normalizer,model,seed,metric_name,metric,fit_seconds,log_loss,error";

    /// <summary>The header of files written before the log-loss column (2026-12-01), still read: their log-loss is NaN.</summary>
    public const string HeaderWithoutLogLoss = "table,task,normalizer,model,seed,metric_name,metric,fit_seconds,error";

    /// <summary>Writes the header and one line per result (invariant culture; the error message quoted).</summary>
    /// <param name="results">Every fit.</param>
    public static string Write(IEnumerable<QualityResult> results)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in results)
        {
            string error = r.Error is null ? "" : "\"" + r.Error.Replace("\"", "\"\"") + "\"";
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{r.Table},{r.Task},{r.Normalizer},{r.Model},{r.Seed},{QualityModel.MetricName(r.Task)},{r.Metric:R},{r.FitSeconds:F4},{r.LogLoss:R},{error}\n"));
        }
        return text.ToString();
    }

    /// <summary>Reads results written by <see cref="Write"/>, or before the log-loss column (failed fits come back with their message).</summary>
    /// <param name="path">A CSV file of an earlier run.</param>
    /// <exception cref="InvalidDataException">A line is not a result of this format; the message names the line.</exception>
    public static IReadOnlyList<QualityResult> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        bool hasLogLoss = lines.Length > 0 && lines[0] == Header;
        if (!hasLogLoss && (lines.Length == 0 || lines[0] != HeaderWithoutLogLoss))
            throw new InvalidDataException($"'{path}' is not a quality-tabular CSV: its first line should be '{Header}'.");
        int fields = hasLogLoss ? 10 : 9;
        var results = new List<QualityResult>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            string[] f = lines[i].Split(',', fields);
            double logLoss = double.NaN;
            if (f.Length < fields - 1 || !Enum.TryParse<MlNetNeural.Tabular.TabularTask>(f[1], out var task)
                || !int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                || !double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out double metric)
                || !double.TryParse(f[7], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                || (hasLogLoss && !double.TryParse(f[8], NumberStyles.Float, CultureInfo.InvariantCulture, out logLoss)))
                throw new InvalidDataException($"Line {i + 1} of '{path}' is not a result: '{lines[i]}'.");
            string? error = f.Length == fields && f[^1].Length > 0 ? Unquote(f[^1]) : null;
            results.Add(new QualityResult(f[0], task, f[2], f[3], seed, metric, seconds, logLoss, error));
        }
        return results;
    }

    /// <summary>A field as <see cref="Write"/> quoted it: the enclosing quotes removed (one at each end) and doubled quotes undone.</summary>
    private static string Unquote(string field) =>
        (field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field).Replace("\"\"", "\"");
}
