namespace MlNetNeural.Onnx.Tests.TestSupport;

/// <summary>
/// The error function in double precision for the reference forward pass (.NET has none): the Maclaurin series
/// for |x| &lt; 2.5 and the Laplace continued fraction of erfc beyond.
/// </summary>
internal static class Erf
{
    public static double Of(double x)
    {
        double z = Math.Abs(x);
        double value = z < 2.5 ? Series(z) : 1.0 - ComplementByContinuedFraction(z);
        return x < 0 ? -value : value;
    }

    /// <summary>erf(z) = 2/sqrt(pi) * sum_n (-1)^n z^(2n+1) / (n! (2n+1)).</summary>
    private static double Series(double z)
    {
        double sum = 0, term = z; // term = (-1)^n z^(2n+1) / n!
        for (int n = 0; n < 100; n++)
        {
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-17 * Math.Abs(sum))
                break;
            term *= -z * z / (n + 1);
        }
        return 2.0 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>erfc(z) = exp(-z^2)/sqrt(pi) / (z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + ...))))), z &gt; 0.</summary>
    private static double ComplementByContinuedFraction(double z)
    {
        double tail = z;
        for (int k = 80; k >= 1; k--)
            tail = z + k / 2.0 / tail;
        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / tail;
    }
}
