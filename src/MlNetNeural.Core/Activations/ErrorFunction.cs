namespace MlNetNeural.Core.Activations;

/// <summary>The error function, which .NET's Math does not provide.</summary>
internal static class ErrorFunction
{
    /// <summary>
    /// erf(x) by Abramowitz and Stegun, Handbook of Mathematical Functions (1964), formula 7.1.26:
    /// absolute error at most 1.5e-7, below single-precision resolution near 1.
    /// </summary>
    public static float Erf(float x)
    {
        const double P = 0.3275911, A1 = 0.254829592, A2 = -0.284496736, A3 = 1.421413741, A4 = -1.453152027, A5 = 1.061405429;
        double ax = Math.Abs((double)x);
        double t = 1.0 / (1.0 + P * ax);
        double poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
        double y = 1.0 - poly * Math.Exp(-ax * ax);
        return (float)(x < 0 ? -y : y);
    }
}
