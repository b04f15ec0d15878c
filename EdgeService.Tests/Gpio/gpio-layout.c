/* Prints sizeof and offsetof of every struct and field of <linux/gpio.h> that the GPIO binding uses, its ioctl request
 * codes and constants, one "KIND NAME VALUE" a line. GpioHeaderLayoutTests compiles it and checks the C# binding
 * against it; scripts/arm64-check.sh compiles it for arm64 as well and checks that arm64 prints the same. */
#include <stdio.h>
#include <stddef.h>
#include <linux/gpio.h>
#define SIZE(t) printf("sizeof %s %zu\n", #t, sizeof(struct t))
#define OFF(t, f) printf("offsetof %s.%s %zu\n", #t, #f, offsetof(struct t, f))
#define CODE(c) printf("ioctl %s %lu\n", #c, (unsigned long)(c))
int main(void) {
    SIZE(gpiochip_info); OFF(gpiochip_info, name); OFF(gpiochip_info, label); OFF(gpiochip_info, lines);
    SIZE(gpio_v2_line_values); OFF(gpio_v2_line_values, bits); OFF(gpio_v2_line_values, mask);
    SIZE(gpio_v2_line_attribute); OFF(gpio_v2_line_attribute, id); OFF(gpio_v2_line_attribute, flags);
    OFF(gpio_v2_line_attribute, values); OFF(gpio_v2_line_attribute, debounce_period_us);
    SIZE(gpio_v2_line_config_attribute); OFF(gpio_v2_line_config_attribute, attr); OFF(gpio_v2_line_config_attribute, mask);
    SIZE(gpio_v2_line_config); OFF(gpio_v2_line_config, flags); OFF(gpio_v2_line_config, num_attrs); OFF(gpio_v2_line_config, attrs);
    SIZE(gpio_v2_line_request); OFF(gpio_v2_line_request, offsets); OFF(gpio_v2_line_request, consumer);
    OFF(gpio_v2_line_request, config); OFF(gpio_v2_line_request, num_lines); OFF(gpio_v2_line_request, event_buffer_size);
    OFF(gpio_v2_line_request, fd);
    SIZE(gpio_v2_line_info); OFF(gpio_v2_line_info, name); OFF(gpio_v2_line_info, consumer); OFF(gpio_v2_line_info, offset);
    OFF(gpio_v2_line_info, num_attrs); OFF(gpio_v2_line_info, flags); OFF(gpio_v2_line_info, attrs);
    CODE(GPIO_GET_CHIPINFO_IOCTL); CODE(GPIO_V2_GET_LINEINFO_IOCTL); CODE(GPIO_V2_GET_LINE_IOCTL); CODE(GPIO_V2_LINE_SET_VALUES_IOCTL);
    printf("const GPIO_MAX_NAME_SIZE %d\n", GPIO_MAX_NAME_SIZE);
    printf("const GPIO_V2_LINES_MAX %d\n", GPIO_V2_LINES_MAX);
    printf("const GPIO_V2_LINE_NUM_ATTRS_MAX %d\n", GPIO_V2_LINE_NUM_ATTRS_MAX);
    printf("const GPIO_V2_LINE_FLAG_USED %llu\n", (unsigned long long)GPIO_V2_LINE_FLAG_USED);
    printf("const GPIO_V2_LINE_FLAG_ACTIVE_LOW %llu\n", (unsigned long long)GPIO_V2_LINE_FLAG_ACTIVE_LOW);
    printf("const GPIO_V2_LINE_FLAG_INPUT %llu\n", (unsigned long long)GPIO_V2_LINE_FLAG_INPUT);
    printf("const GPIO_V2_LINE_FLAG_OUTPUT %llu\n", (unsigned long long)GPIO_V2_LINE_FLAG_OUTPUT);
    printf("const GPIO_V2_LINE_ATTR_ID_FLAGS %d\n", GPIO_V2_LINE_ATTR_ID_FLAGS);
    printf("const GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES %d\n", GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES);
    printf("const GPIO_V2_LINE_ATTR_ID_DEBOUNCE %d\n", GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
    return 0;
}
