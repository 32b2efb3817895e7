# Installation of the server's service files and the Debian packages (scripts/package.sh):
# `im-server` (component server) and `im-admin` (component admin), made by CPack's DEB generator.
# Every install() in the project names one of the two components.

# The package's paths are the configured prefix's (/usr for scripts/package.sh), so the unit's
# ExecStart and the maintainer scripts name the files where the package puts them.
set(IM_SERVER_EXECUTABLE "${CMAKE_INSTALL_FULL_BINDIR}/im-server")
set(IM_DATA_DIR "${CMAKE_INSTALL_FULL_DATADIR}/im-server")
set(IM_DOC_DIR "${CMAKE_INSTALL_FULL_DOCDIR}")
set(im_deploy_dir "${PROJECT_SOURCE_DIR}/deploy")
set(im_generated_dir "${PROJECT_BINARY_DIR}/deploy")

configure_file("${im_deploy_dir}/systemd/im-server.service.in"
    "${im_generated_dir}/im-server.service" @ONLY)
foreach(script IN ITEMS postinst prerm postrm)
    configure_file("${im_deploy_dir}/debian/${script}" "${im_generated_dir}/debian/${script}"
        @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
        WORLD_READ WORLD_EXECUTE)
endforeach()

# systemd reads /usr/lib/systemd/system and /usr/local/lib/systemd/system alike (not the
# multiarch CMAKE_INSTALL_LIBDIR).
install(FILES "${im_generated_dir}/im-server.service" DESTINATION lib/systemd/system
    COMPONENT server)
# The settings template; the package's postinst copies it to /etc/im-server/im-server.env.
install(FILES "${im_deploy_dir}/im-server.env" DESTINATION "${CMAKE_INSTALL_DATADIR}/im-server"
    COMPONENT server)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/docs/COMPATIBILITY.md"
    "${PROJECT_SOURCE_DIR}/docs/SECURITY.md"
    DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT server)
install(DIRECTORY "${im_deploy_dir}/grafana" DESTINATION "${CMAKE_INSTALL_DOCDIR}"
    COMPONENT server OPTIONAL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME im-server)
set(CPACK_PACKAGE_VENDOR "im-server")
set(CPACK_PACKAGE_CONTACT "im-server maintainers <maintainers@im-server.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# Each package's first description line is its own synopsis. CPackDeb prepends the project's
# summary unless it is CPack's default one, so keep that default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_OUTPUT_FILE_PREFIX "${PROJECT_BINARY_DIR}/packages")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server)
if(IM_BUILD_ADMIN)
    list(APPEND CPACK_COMPONENTS_ALL admin)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/im-server/im-server")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME im-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "Instant-messaging server (REST, Socket.IO and protobuf)\n\
A compatible, faster re-implementation of the NestJS im_server for its desktop client, on \
SQLite or MariaDB, run as a systemd service with Prometheus metrics.")
# Qt loads its SQL drivers as plugins, which dpkg-shlibdeps cannot see; adduser makes the user.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite, libqt6sql6-mysql")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "ffmpeg")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "mariadb-server, redis-server, prometheus")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${im_generated_dir}/debian/postinst;${im_generated_dir}/debian/prerm;${im_generated_dir}/debian/postrm")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_ADMIN_PACKAGE_NAME im-admin)
set(CPACK_DEBIAN_ADMIN_PACKAGE_SECTION admin)
# The window icon is an SVG, drawn by Qt's SVG icon engine plugin (invisible to shlibdeps).
set(CPACK_DEBIAN_ADMIN_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_ADMIN_DESCRIPTION
    "Desktop console of im-server\n\
Watches the live sessions, delivery queues and cursors of running im-server instances and \
acts on them.")

include(CPack)
