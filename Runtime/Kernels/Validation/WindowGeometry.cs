using System;

namespace StaticNets.Kernels;

/// <summary>Output size of a sliding window (convolution filter or pooling window) along one spatial axis.</summary>
internal static class WindowGeometry
{
    /// <summary>
    /// Notes §5.1: <c>H2 = (H1 + 2P - F)/S + 1</c>, where the stride must divide <c>H1 + 2P - F</c> exactly so the
    /// window's last position ends on the padded input's last row (pooling is the same with P = 0, §5.2).
    /// </summary>
    public static int OutputSize(int inputSize, int window, int stride, int padding, string inputName, string windowName)
    {
        int span = inputSize + 2 * padding - window;
        if (span < 0)
        {
            ThrowTooLarge(inputSize, window, padding, inputName, windowName);
        }

        if (span % stride != 0)
        {
            ThrowNotTiling(inputSize, window, stride, padding, span, inputName);
        }

        return span / stride + 1;
    }

    private static void ThrowTooLarge(int inputSize, int window, int padding, string inputName, string windowName) =>
        throw new ArgumentException(
            FormattableString.Invariant(
                $"{windowName} {window} is larger than the padded input: {inputName} + 2*padding = {inputSize} + 2*{padding} = {inputSize + 2 * padding}."),
            windowName);

    private static void ThrowNotTiling(int inputSize, int window, int stride, int padding, int span, string inputName) =>
        throw new ArgumentException(
            FormattableString.Invariant(
                $"stride {stride} does not divide {inputName} + 2*padding - size = {inputSize} + 2*{padding} - {window} = {span}: the windows would not tile the input (notes §5.1: (H1 + 2P - F)/S + 1 must be whole)."),
            "stride");
}
