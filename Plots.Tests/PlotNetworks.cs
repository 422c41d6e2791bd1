namespace StaticNets.Plots.Tests;

// Small networks whose first layers the plots read: a grey convolution, an RGB convolution, a linear classifier on
// an image, a two-layer network on an image, and a linear classifier on a flat vector.

[Network("CONV(5,5,pad:2)+RELU+POOL(2)+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class GreyConvNet
{
}

[Network("CONV(4,3)+RELU+FC(3)+SOFTMAX", Input = "3x8x8")]
internal partial class RgbConvNet
{
}

[Network("FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class LinearOnImage
{
}

[Network("FC(16)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class MlpOnImage
{
}

[Network("FC(3)+SOFTMAX", Input = "2")]
internal partial class LinearOnPoints
{
}

[Network("MAXOUT(4,2)+FC(3)+SOFTMAX", Input = "1x6x6")]
internal partial class MaxoutOnImage
{
}
