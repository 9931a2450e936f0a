using CreditScoring;
using Microsoft.ML;

namespace MlNetNeural.Samples.Tests;

public sealed class ProbabilityCalibrationTests
{
    /// <summary>Rows whose true default rate is sigmoid(score) but whose probability claims sigmoid(score + shift).</summary>
    private static List<ScoredRow> ShiftedRows(float shift)
    {
        var random = new Random(5);
        return Enumerable.Range(0, 800).Select(_ =>
        {
            var score = (float)(random.NextDouble() * 6 - 3);
            return new ScoredRow
            {
                Score = score,
                Label = random.NextDouble() < Sigmoid(score),
                Probability = Sigmoid(score + shift),
                PredictedLabel = score + shift > 0,
            };
        }).ToList();
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    [Fact]
    public void Over_confident_probabilities_are_recalibrated_and_the_log_loss_drops()
    {
        var ml = new MLContext(seed: 1);
        var rows = ShiftedRows(shift: 2f);

        var calibration = ProbabilityCalibration.Choose(ml, rows, seed: 3);

        Assert.NotEqual(CalibrationKind.None, calibration.Kind);
        Assert.NotNull(calibration.Calibrator);
        Assert.True(calibration.LogLoss[calibration.Kind] < calibration.LogLoss[CalibrationKind.None] - 0.05);
        var calibrated = calibration.Apply(ml, rows);
        Assert.InRange(calibrated.Average(r => r.Probability), rows.Average(r => r.Label ? 1.0 : 0.0) - 0.03, rows.Average(r => r.Label ? 1.0 : 0.0) + 0.03);
        Assert.Equal(rows.Select(r => r.Score), calibrated.Select(r => r.Score));
    }

    [Fact]
    public void Without_a_calibrator_the_rows_are_returned_unchanged()
    {
        var ml = new MLContext(seed: 1);
        var rows = ShiftedRows(shift: 0f);
        var none = new ProbabilityCalibration(CalibrationKind.None, new Dictionary<CalibrationKind, double>(), null);

        Assert.Same(rows, none.Apply(ml, rows));
    }
}
