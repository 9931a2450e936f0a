using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// The score columns of one scoring run, per row, in one shape for ML.NET's managed columns and the ONNX outputs.
/// <see cref="ClassIndex"/> is 0-based (ML.NET's multiclass key minus one).
/// </summary>
internal sealed record ScoreColumns(float[][] Score, float[]? Probability, bool[]? BinaryLabel, long[]? ClassIndex)
{
    /// <summary>The columns the MLP transformer itself wrote (scalars as one-element rows, keys made 0-based).</summary>
    public static ScoreColumns FromManaged(IDataView scored, OnnxMlpHead head) => head switch
    {
        OnnxMlpHead.Binary => new(Scalars(scored, OnnxMlpColumnNames.Score), scored.GetColumn<float>(OnnxMlpColumnNames.Probability).ToArray(),
            scored.GetColumn<bool>(OnnxMlpColumnNames.PredictedLabel).ToArray(), null),
        OnnxMlpHead.Multiclass => new(scored.GetColumn<float[]>(OnnxMlpColumnNames.Score).ToArray(), null, null,
            scored.GetColumn<uint>(OnnxMlpColumnNames.PredictedLabel).Select(key => (long)key - 1).ToArray()),
        _ => new(Scalars(scored, OnnxMlpColumnNames.Score), null, null, null),
    };

    /// <summary>The columns ML.NET's ApplyOnnxModel produced (every output is a vector; see docs/onnx.md).</summary>
    public static ScoreColumns FromApplyOnnxModel(IDataView scored, OnnxMlpHead head) => new(
        scored.GetColumn<float[]>(OnnxMlpColumnNames.Score).ToArray(),
        head == OnnxMlpHead.Binary ? scored.GetColumn<float[]>(OnnxMlpColumnNames.Probability).Select(p => p[0]).ToArray() : null,
        head == OnnxMlpHead.Binary ? scored.GetColumn<bool[]>(OnnxMlpColumnNames.PredictedLabel).Select(l => l[0]).ToArray() : null,
        head == OnnxMlpHead.Multiclass ? scored.GetColumn<long[]>(OnnxMlpColumnNames.PredictedLabel).Select(l => l[0]).ToArray() : null);

    /// <summary>The outputs of an OnnxRuntime session run (row-major arrays).</summary>
    public static ScoreColumns FromSession(IReadOnlyDictionary<string, TestSupport.OnnxScoring.Output> outputs, OnnxMlpHead head)
    {
        var score = outputs[OnnxMlpColumnNames.Score];
        int width = score.Shape[1];
        var values = (float[])score.Values;
        return new(
            Enumerable.Range(0, score.Shape[0]).Select(row => values.AsSpan(row * width, width).ToArray()).ToArray(),
            head == OnnxMlpHead.Binary ? (float[])outputs[OnnxMlpColumnNames.Probability].Values : null,
            head == OnnxMlpHead.Binary ? (bool[])outputs[OnnxMlpColumnNames.PredictedLabel].Values : null,
            head == OnnxMlpHead.Multiclass ? (long[])outputs[OnnxMlpColumnNames.PredictedLabel].Values : null);
    }

    /// <summary>The largest absolute difference over Score and Probability.</summary>
    public double MaxAbsoluteDifference(ScoreColumns other)
    {
        if (Score.Length != other.Score.Length)
            throw new InvalidOperationException($"Row counts differ: {Score.Length} and {other.Score.Length}.");
        double max = 0;
        for (int row = 0; row < Score.Length; row++)
        {
            if (Score[row].Length != other.Score[row].Length)
                throw new InvalidOperationException($"Row {row}: Score lengths differ: {Score[row].Length} and {other.Score[row].Length}.");
            for (int i = 0; i < Score[row].Length; i++)
                max = Math.Max(max, Math.Abs((double)Score[row][i] - other.Score[row][i]));
            if (Probability is not null)
                max = Math.Max(max, Math.Abs((double)Probability[row] - other.Probability![row]));
        }
        return max;
    }

    /// <summary>The largest score magnitude over all rows and classes.</summary>
    public double MaxAbsoluteScore => Score.Max(row => row.Max(value => Math.Abs((double)value)));

    /// <summary>Rows whose predicted label differs, skipping near ties that float rounding may flip.</summary>
    public IReadOnlyList<int> LabelDisagreements(ScoreColumns other, double tieMargin)
    {
        var rows = new List<int>();
        for (int row = 0; row < Score.Length; row++)
        {
            bool differs = BinaryLabel is not null ? BinaryLabel[row] != other.BinaryLabel![row]
                : ClassIndex is not null && ClassIndex[row] != other.ClassIndex![row];
            if (differs && !IsNearTie(Score[row], tieMargin))
                rows.Add(row);
        }
        return rows;
    }

    private bool IsNearTie(float[] score, double margin) => BinaryLabel is not null
        ? Math.Abs(score[0]) < margin
        : score.OrderDescending().Take(2).Aggregate((a, b) => a - b) < margin;

    private static float[][] Scalars(IDataView scored, string column) =>
        scored.GetColumn<float>(column).Select(value => new[] { value }).ToArray();
}
