using MlNetNeural.Core.Training;

namespace MlNetNeural.Data;

/// <summary>
/// With the trainer's input scaling turned off, notices training features that are far from centred and unit-scaled, which slows gradient descent
/// a great deal (LeCun et al. 1998, "Efficient BackProp", section 4.3). ML.NET's NormalizeMeanVariance
/// scales without centring unless fixZero is false, so this is easy to miss.
/// </summary>
internal static class FeatureScaleCheck
{
    /// <summary>A warning for the user, or null when the features look centred and scaled.</summary>
    /// <param name="data">The training rows.</param>
    /// <param name="columnName">The feature column's name, for the message.</param>
    public static string? Warn(TrainingData data, string columnName)
    {
        int width = data.FeatureCount, rows = data.Rows;
        if (rows < 2) return null;
        var sum = new double[width];
        var sumOfSquares = new double[width];
        for (int row = 0; row < rows; row++)
        {
            var values = data.Features.AsSpan(row * width, width);
            for (int j = 0; j < width; j++)
            {
                sum[j] += values[j];
                sumOfSquares[j] += (double)values[j] * values[j];
            }
        }
        int offCentre = 0, offScale = 0, varying = 0;
        for (int j = 0; j < width; j++)
        {
            double mean = sum[j] / rows;
            double sd = Math.Sqrt(Math.Max(0, sumOfSquares[j] / rows - mean * mean));
            if (sd == 0) continue; // constant features carry no signal either way
            varying++;
            if (Math.Abs(mean) > 2 * sd) offCentre++;
            if (sd > 20 || sd < 0.05) offScale++;
        }
        if (varying == 0) return null;
        if (offCentre * 4 < varying && offScale * 4 < varying) return null;
        return FormattableString.Invariant(
            $"Feature column '{columnName}': {offCentre} of {varying} varying features have a mean more than 2 standard deviations from 0 and {offScale} have a standard deviation outside [0.05, 20]. ") +
            "An MLP trains far better on centred, unit-scaled inputs, and InputScaling is off: turn it back on (the default, InputScaling.Robust), " +
            "or add ml.Transforms.NormalizeMeanVariance(\"Features\", fixZero: false) before the trainer (ML.NET's default fixZero: true only scales).";
    }
}
