package org.heterosyn.driver;

/** A device that cannot be opened, does not answer, or answers out of protocol. */
public class DeviceException extends RuntimeException {
    public DeviceException(String message) { super(message); }

    public DeviceException(String message, Throwable cause) { super(message, cause); }
}
