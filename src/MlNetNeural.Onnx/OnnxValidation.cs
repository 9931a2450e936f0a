using System.Globalization;

namespace MlNetNeural.Onnx;

/// <summary>The checks and the exception every part of an exported description uses, so that all messages read alike.</summary>
internal static class OnnxValidation
{
    /// <summary>The parameter name the exceptions carry: the description passed to the writer.</summary>
    public const string ParamName = "description";

    /// <summary>Throws naming the first non-finite value; with <paramref name="rowLength"/> the position is given as [row, column].</summary>
    public static void RequireFinite(float[] values, string what, int rowLength = 0)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i]))
                continue;
            string position = rowLength > 0 ? $"[{i / rowLength}, {i % rowLength}]" : $"[{i}]";
            throw Invalid($"{what}{position} is {Format(values[i])}; every value must be a finite number (was training diverging?).");
        }
    }

    /// <summary>Throws unless <paramref name="values"/> has <paramref name="expected"/> values.</summary>
    public static void RequireLength(float[] values, int expected, string what, string expectation)
    {
        if (values.Length != expected)
            throw Invalid($"{what} has {values.Length} values; expected {expectation}.");
    }

    public static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    public static ArgumentException Invalid(string message) => new($"Cannot export the network to ONNX. {message}", ParamName);
}
